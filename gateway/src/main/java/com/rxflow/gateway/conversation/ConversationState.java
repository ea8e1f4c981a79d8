package com.rxflow.gateway.conversation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A conversation as the conversation processor reports it from its store
 * ({@code GET /internal/conversations/{id}}). A tolerant reader: fields the processor adds later
 * are ignored, and fields whose format the gateway does not interpret are kept as text, so the
 * gateway need not be released with it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConversationState(String conversationId, String patientId, String channel, String clientId,
        String conversationType, String state, String step, Long turns, Instant createdAt, Instant updatedAt,
        List<Pending> pending, List<TranscriptLine> transcript, Profile profile) {

    /** Work the conversation waits for: a tool result or a person. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pending(String kind, String id, String name, String messageId, Instant requestedAt) {
    }

    /**
     * One line of what was said, by the patient or to the patient; for a reply, {@code turnComplete}
     * says whether it ended its message's turn (null from a processor that does not keep it). It is
     * read from the processor, not shown in the API's transcript (a reply's {@code final} says it).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TranscriptLine(String role, String text, Instant at, String messageId, String replyId,
            Long sequence, @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) Boolean turnComplete) {

        static final String PATIENT = "patient";

        boolean fromPatient() {
            return PATIENT.equalsIgnoreCase(role);
        }
    }

    /** What the conversation knows about its patient, once a tool looked the patient up. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Profile(String firstName, String lastName, List<String> allergies, String insurancePlanName,
            List<Medication> medications, List<Order> recentOrders) {
    }

    /** A medication the patient takes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Medication(String name, String strength, Integer refillsRemaining) {
    }

    /** A refill order the patient placed. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Order(String orderId, String medication, String pharmacyName, String status, String pickupAt) {
    }
}
