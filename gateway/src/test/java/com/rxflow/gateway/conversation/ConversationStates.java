package com.rxflow.gateway.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test data: conversations as the processor reports them. */
public final class ConversationStates {

    private static final Instant CREATED = Instant.parse("2025-01-01T10:00:00Z");

    private ConversationStates() {
    }

    /** A conversation waiting for the medication history it asked for about message m1. */
    public static ConversationState boundTo(String conversationId, String clientId) {
        return new ConversationState(conversationId, "P100", "web", clientId, "REFILL", "GATHERING_INFO",
                "ASK_MEDICATION", 1L, CREATED, Instant.parse("2025-01-01T10:00:05Z"),
                List.of(new ConversationState.Pending("TOOL", "t1", "medication-history", "m1",
                        Instant.parse("2025-01-01T10:00:04Z"))),
                List.of(new ConversationState.TranscriptLine("patient", "I need a refill",
                        Instant.parse("2025-01-01T10:00:03Z"), "m1", null, 0L, null)), null);
    }

    /** A conversation whose message {@code messageId} was answered with one reply, sequence 1. */
    public static ConversationState answered(String conversationId, String clientId, String messageId, String reply) {
        return new ConversationState(conversationId, "P100", "web", clientId, "simple", "COMPLETED", null, 1L,
                CREATED, Instant.parse("2025-01-01T10:00:05Z"), List.of(),
                List.of(new ConversationState.TranscriptLine("patient", "what do I take?",
                                Instant.parse("2025-01-01T10:00:03Z"), messageId, null, 0L, null),
                        new ConversationState.TranscriptLine("assistant", reply,
                                Instant.parse("2025-01-01T10:00:04Z"), messageId, "r-" + messageId, 1L, true)),
                null);
    }

    /** As {@link #boundTo}, with the patient's profile looked up. */
    public static ConversationState withProfile(String conversationId, String clientId) {
        ConversationState state = boundTo(conversationId, clientId);
        return new ConversationState(state.conversationId(), state.patientId(), state.channel(), state.clientId(),
                state.conversationType(), state.state(), state.step(), state.turns(), state.createdAt(),
                state.updatedAt(), state.pending(), state.transcript(),
                new ConversationState.Profile("John", "Smith", List.of("penicillin"), "Blue Cross PPO",
                        List.of(new ConversationState.Medication("Omeprazole", "20mg", 2)),
                        List.of(new ConversationState.Order("ORD-1", "Omeprazole 20mg", "CVS Pharmacy", "READY",
                                "2025-01-02T15:00:00Z"))));
    }

    /** A conversation whose transcript has {@code count} patient lines, "line 0" to "line n". */
    public static ConversationState withLines(String conversationId, String clientId, int count) {
        List<ConversationState.TranscriptLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(new ConversationState.TranscriptLine("patient", "line " + i, CREATED.plusSeconds(i), "m" + i,
                    null, 0L, null));
        }
        return new ConversationState(conversationId, "P100", "web", clientId, "simple", "GATHERING_INFO", null,
                (long) count, CREATED, CREATED.plusSeconds(count), List.of(), lines, null);
    }
}
