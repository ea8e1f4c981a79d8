package com.rxflow.processor.conversation.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.PatientFacts;

/**
 * A conversation's state as the processor's internal query endpoint answers it. The gateway's web
 * chat shows {@code profile} and {@code step} in its side panel; readers ignore fields they do not
 * know, so fields are only ever added.
 */
public record ConversationView(String conversationId, String patientId, String channel, String clientId,
        String conversationType, String state, String step, int turns, Instant createdAt, Instant updatedAt,
        List<Pending> pending, List<Line> transcript, Profile profile) {

    public record Pending(String kind, String id, String name, String messageId, Instant requestedAt) {
    }

    /** One transcript line; {@code turnComplete} for replies: whether it ended its message's turn (null if not kept). */
    public record Line(String role, String text, Instant at, String messageId, String replyId, long sequence,
            Boolean turnComplete) {
    }

    /** Who the patient is, as the tools told the conversation; null until they did. */
    public record Profile(String firstName, String lastName, List<String> allergies, String insurancePlanName,
            List<Medication> medications, List<Order> recentOrders) {
    }

    public record Medication(String name, String strength, String condition, int refillsRemaining,
            LocalDate lastFilled, int daysSupply, boolean expired, boolean controlled, String directions) {
    }

    public record Order(String orderId, String medication, String strength, int quantity, String pharmacyName,
            String status, Instant pickupAt) {
    }

    static ConversationView of(ConversationSnapshot s) {
        return new ConversationView(s.getConversationId(), s.getPatientId(), s.getChannel(), s.getClientId(),
                s.getConversationType(), s.getState(), s.getStep(), s.getTurns(), s.getCreatedAt(), s.getUpdatedAt(),
                s.getPending().stream().map(p -> new Pending(p.getKind(), p.getId(), p.getName(), p.getMessageId(),
                        p.getRequestedAt())).toList(),
                s.getTranscript().stream().map(l -> new Line(l.getRole(), l.getText(), l.getAt(), l.getMessageId(),
                        l.getReplyId(), l.getSequence(), l.getTurnComplete())).toList(),
                profile(s.getProfile()));
    }

    private static Profile profile(PatientFacts p) {
        if (p == null) {
            return null;
        }
        return new Profile(p.getFirstName(), p.getLastName(), List.copyOf(p.getAllergies()), p.getInsurancePlanName(),
                p.getMedications().stream().map(m -> new Medication(m.getName(), m.getStrength(), m.getCondition(),
                        m.getRefillsRemaining(), m.getLastFilled(), m.getDaysSupply(), m.getExpired(), m.getControlled(),
                        m.getDirections())).toList(),
                p.getRecentOrders().stream().map(o -> new Order(o.getOrderId(), o.getMedication(), o.getStrength(),
                        o.getQuantity(), o.getPharmacyName(), o.getStatus(), o.getPickupAt())).toList());
    }
}
