package com.rxflow.escalation.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.escalation.EscalateConversation;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationOpened;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.state.EscalationCase;

/**
 * The rules of the pharmacists' queue as one pure function, {@code (case, command, now) -> (case,
 * events)}, so every rule is tested without a broker and a replay of the command log rebuilds the
 * same cases and the same event ids.
 */
public final class CaseDecider {

    /** The {@code source} of every event this service writes. */
    public static final String SOURCE = "escalation-service";

    private final SlaPolicy sla;

    public CaseDecider(SlaPolicy sla) {
        this.sla = Objects.requireNonNull(sla, "sla");
    }

    /** The id of the case a command is about, so the caller can load it; empty when it is about none. */
    public static Optional<String> caseId(EscalationCommand command) {
        return switch (command.getType()) {
            case ESCALATE_CONVERSATION -> Optional.of(payload(command).getEscalationId());
            // kinds this version does not handle yet (forwarded messages, withdrawals) concern no case here
            default -> Optional.empty();
        };
    }

    /**
     * @param existing the case the command is about as stored, or null when there is none
     * @param command  the command, its envelope already checked against the record key
     * @param now      the time the case changes at
     */
    public CaseDecision decide(EscalationCase existing, EscalationCommand command, Instant now) {
        return switch (command.getType()) {
            case ESCALATE_CONVERSATION -> open(existing, command, now);
            // A type this version does not know (or does not handle yet) is skipped, as the contract says.
            default -> CaseDecision.unchanged();
        };
    }

    private CaseDecision open(EscalationCase existing, EscalationCommand command, Instant now) {
        // The escalation id is the idempotency key: a redelivered or replayed command opens no second case.
        if (existing != null) {
            return CaseDecision.unchanged();
        }
        EscalateConversation request = payload(command);
        EventMetadata cause = command.getMetadata();
        Instant dueAt = sla.dueAt(request.getPriority(), now);
        EscalationCase opened = EscalationCase.newBuilder()
                .setEscalationId(request.getEscalationId())
                .setConversationId(cause.getConversationId())
                .setPatientId(cause.getPatientId())
                .setRoute(request.getRoute())
                .setPriority(request.getPriority())
                .setStatus(CaseStatus.OPENED.name())
                .setReasonCodes(new ArrayList<>(request.getReasonCodes()))
                .setQuestion(request.getQuestion())
                .setMedication(request.getMedication())
                .setTranscript(new ArrayList<>(request.getTranscript()))
                .setOpenedAt(now)
                .setSlaDueAt(dueAt)
                .build();
        EscalationEvent event = EscalationEvent.newBuilder()
                .setMetadata(Metadata.causedBy(cause, 0, SOURCE, now))
                .setType(EscalationEventType.ESCALATION_OPENED)
                .setOpened(EscalationOpened.newBuilder()
                        .setEscalationId(opened.getEscalationId())
                        .setRoute(opened.getRoute())
                        .setPriority(opened.getPriority())
                        .setReasonCodes(new ArrayList<>(opened.getReasonCodes()))
                        .setSlaDueAt(dueAt)
                        .build())
                .build();
        return new CaseDecision(opened, List.of(event));
    }

    private static EscalateConversation payload(EscalationCommand command) {
        if (command.getEscalate() == null) {
            throw new IllegalArgumentException("command " + command.getMetadata().getEventId()
                    + " is of type ESCALATE_CONVERSATION but carries no escalate payload");
        }
        return command.getEscalate();
    }
}
