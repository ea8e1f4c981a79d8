package com.rxflow.gateway.conversation;

import java.time.Instant;
import java.util.List;

/** Test data: conversations as the processor reports them. */
final class ConversationStates {

    private ConversationStates() {
    }

    static ConversationState boundTo(String conversationId, String clientId) {
        return new ConversationState(conversationId, "P100", "web", clientId, "REFILL", "GATHERING_INFO",
                "ASK_MEDICATION", 1L, Instant.parse("2025-01-01T10:00:00Z"), Instant.parse("2025-01-01T10:00:05Z"),
                List.of(new ConversationState.Pending("TOOL", "t1", "medication-history", "m1",
                        Instant.parse("2025-01-01T10:00:04Z"))),
                List.of(new ConversationState.TranscriptLine("PATIENT", "I need a refill",
                        Instant.parse("2025-01-01T10:00:03Z"), "m1", null, null)));
    }
}
