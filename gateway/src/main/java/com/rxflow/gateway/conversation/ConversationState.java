package com.rxflow.gateway.conversation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A conversation as the conversation processor reports it from its store
 * ({@code GET /internal/conversations/{id}}). A tolerant reader: fields the processor adds later
 * are ignored, so the gateway need not be released with it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationState(String conversationId, String patientId, String channel, String clientId,
        String conversationType, String state, String step, Long turns, Instant createdAt, Instant updatedAt,
        List<Pending> pending, List<TranscriptLine> transcript) {

    /** Work the conversation waits for: a tool result or a person. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pending(String kind, String id, String name, String messageId, Instant requestedAt) {
    }

    /** One line of what was said, by the patient or to the patient. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TranscriptLine(String role, String text, Instant at, String messageId, String replyId,
            Long sequence) {
    }
}
