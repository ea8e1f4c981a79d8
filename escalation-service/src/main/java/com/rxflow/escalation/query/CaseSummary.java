package com.rxflow.escalation.query;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

import com.rxflow.escalation.cases.CaseStatus;
import com.rxflow.events.escalation.CaseMessage;
import com.rxflow.state.EscalationCase;

/** One row of the queue. */
@Schema(description = "A case as a row of the queue")
public record CaseSummary(
        String escalationId,
        String conversationId,
        String patientId,
        String route,
        String priority,
        String status,
        boolean inQueue,
        List<String> reasonCodes,
        String medication,
        @Schema(description = "The patient's name, where the conversation knew it") String patientName,
        String question,
        Instant openedAt,
        Instant slaDueAt,
        Instant slaBreachedAt,
        CaseView.Person owner,
        @Schema(description = "When the patient last wrote to the case, if they did") Instant lastPatientMessageAt) {

    /** Highest priority first, then the oldest: the order pharmacists work the queue in. */
    public static final Comparator<CaseSummary> QUEUE_ORDER = Comparator
            .comparingInt((CaseSummary c) -> rank(c.priority()))
            .thenComparing(CaseSummary::openedAt)
            .thenComparing(CaseSummary::escalationId);

    public static CaseSummary of(EscalationCase stored) {
        CaseStatus status = CaseStatus.of(stored);
        Instant lastPatientMessage = stored.getMessages().stream().filter(m -> "patient".equals(m.getRole()))
                .map(CaseMessage::getAt).reduce((first, second) -> second).orElse(null);
        return new CaseSummary(stored.getEscalationId(), stored.getConversationId(), stored.getPatientId(),
                stored.getRoute().name(),
                stored.getPriority().name(), status.name(), status.inQueue(), List.copyOf(stored.getReasonCodes()),
                stored.getMedication(), stored.getPatientSummary() == null ? null : stored.getPatientSummary().getName(),
                stored.getQuestion(), stored.getOpenedAt(), stored.getSlaDueAt(), stored.getSlaBreachedAt(),
                stored.getOwner() == null ? null
                        : new CaseView.Person(stored.getOwner().getId(), stored.getOwner().getName()),
                lastPatientMessage);
    }

    private static int rank(String priority) {
        return switch (priority) {
            case "URGENT" -> 0;
            case "HIGH" -> 1;
            default -> 2;
        };
    }
}
