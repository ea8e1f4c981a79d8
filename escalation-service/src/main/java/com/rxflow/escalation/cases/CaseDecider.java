package com.rxflow.escalation.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.rxflow.events.escalation.CaseMessage;
import com.rxflow.events.escalation.EscalateConversation;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationOpened;
import com.rxflow.events.escalation.EscalationSlaBreached;
import com.rxflow.events.escalation.EscalationWithdrawn;
import com.rxflow.events.escalation.ForwardPatientMessage;
import com.rxflow.events.escalation.PatientMessageAppended;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.escalation.WithdrawEscalation;
import com.rxflow.state.EscalationCase;

/**
 * The rules of the human queues as pure functions, {@code (case, input, now) -> (case, events)},
 * for the three inputs a case has: the conversation's commands, the pharmacists' actions, and its
 * own timers. Every rule is tested without a broker, and a replay of the inputs rebuilds the same
 * cases and the same event ids.
 */
public final class CaseDecider {

    /** The {@code source} of every event this service writes. */
    public static final String SOURCE = "escalation-service";

    /** A case keeps at most this many thread messages (the newest); the events keep them all. */
    static final int MAX_MESSAGES = 200;

    /** How long a case stays in the store after it left the queue, unless configured. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    private final SlaPolicy sla;
    private final Duration retention;
    private final ActionRules actions = new ActionRules();

    public CaseDecider(SlaPolicy sla) {
        this(sla, DEFAULT_RETENTION);
    }

    /**
     * @param retention how long a case stays readable in the store once it left the queue
     */
    public CaseDecider(SlaPolicy sla, Duration retention) {
        this.sla = Objects.requireNonNull(sla, "sla");
        this.retention = Objects.requireNonNull(retention, "retention");
    }

    /** The id of the case a command is about, so the caller can load it; empty when it is about none. */
    public static Optional<String> caseId(EscalationCommand command) {
        return switch (command.getType()) {
            case ESCALATE_CONVERSATION -> Optional.of(escalate(command).getEscalationId());
            case FORWARD_PATIENT_MESSAGE -> Optional.ofNullable(command.getForward())
                    .map(ForwardPatientMessage::getEscalationId);
            case WITHDRAW_ESCALATION -> Optional.ofNullable(command.getWithdraw())
                    .map(WithdrawEscalation::getEscalationId);
            // a kind of a newer writer concerns no case this version knows how to change
            default -> Optional.empty();
        };
    }

    /** The id of the case an action is about; empty for a kind this version does not know. */
    public static Optional<String> caseId(PharmacistAction action) {
        return Optional.ofNullable(ActionRules.escalationId(action));
    }

    /**
     * @param existing the case the command is about as stored, or null when there is none
     * @param command  the command, its envelope already checked against the record key
     * @param now      the time the case changes at
     */
    public CaseDecision decide(EscalationCase existing, EscalationCommand command, Instant now) {
        return switch (command.getType()) {
            case ESCALATE_CONVERSATION -> open(existing, command, now);
            case FORWARD_PATIENT_MESSAGE -> forward(existing, command, now);
            case WITHDRAW_ESCALATION -> withdrawnByConversation(existing, command, now);
            // A type this version does not know is skipped, as the contract says.
            default -> CaseDecision.unchanged();
        };
    }

    /** A pharmacist's action on {@code existing} (null when the case is not in this store). */
    public CaseDecision decide(EscalationCase existing, PharmacistAction action, Instant now) {
        return actions.apply(existing, action, now);
    }

    /** A timer of {@code existing} fired at {@code now}; a timer that is no longer current changes nothing. */
    public CaseDecision fire(EscalationCase existing, CaseTimer timer, Instant now) {
        if (existing == null || timer.dueAt().isAfter(now) || !timers(existing).contains(timer)) {
            return CaseDecision.unchanged();
        }
        return switch (timer.kind()) {
            case SLA -> breach(existing, timer, now);
            case PURGE -> CaseDecision.removed();
        };
    }

    /** The timers a case has in its current state; the shell keeps its index equal to them. */
    public List<CaseTimer> timers(EscalationCase stored) {
        if (stored == null) {
            return List.of();
        }
        CaseStatus status = CaseStatus.of(stored);
        if (status.waiting() && stored.getSlaBreachedAt() == null) {
            return List.of(new CaseTimer(CaseTimer.Kind.SLA, stored.getEscalationId(), stored.getSlaDueAt()));
        }
        if (status.finished() && stored.getFinishedAt() != null) {
            return List.of(new CaseTimer(CaseTimer.Kind.PURGE, stored.getEscalationId(),
                    stored.getFinishedAt().plus(retention)));
        }
        return List.of();
    }

    private CaseDecision open(EscalationCase existing, EscalationCommand command, Instant now) {
        // The escalation id is the idempotency key: a redelivered or replayed command opens no second case.
        if (existing != null) {
            return CaseDecision.unchanged();
        }
        EscalateConversation request = escalate(command);
        Instant dueAt = sla.dueAt(request.getRoute(), request.getPriority(), now);
        EscalationCase opened = EscalationCase.newBuilder()
                .setEscalationId(request.getEscalationId())
                .setConversationId(command.getMetadata().getConversationId())
                .setPatientId(command.getMetadata().getPatientId())
                .setRoute(request.getRoute())
                .setPriority(request.getPriority())
                .setInitialPriority(request.getPriority())
                .setStatus(CaseStatus.openedOn(request.getRoute()).name())
                .setReasonCodes(new ArrayList<>(request.getReasonCodes()))
                .setQuestion(request.getQuestion())
                .setMedication(request.getMedication())
                .setTranscript(new ArrayList<>(request.getTranscript()))
                .setPatientSummary(request.getPatientSummary())
                .setOpenedAt(now)
                .setSlaDueAt(dueAt)
                .setUpdatedAt(now)
                .build();
        return new CaseDecision(opened, List.of(CaseEvents.causedBy(command.getMetadata(), 0, now,
                EscalationEventType.ESCALATION_OPENED, event -> event.setOpened(EscalationOpened.newBuilder()
                        .setEscalationId(opened.getEscalationId())
                        .setRoute(opened.getRoute())
                        .setPriority(opened.getPriority())
                        .setReasonCodes(new ArrayList<>(opened.getReasonCodes()))
                        .setSlaDueAt(dueAt)
                        .build()))));
    }

    /**
     * A patient's message for the pharmacist joins the case's thread, even when the case has just
     * been resolved (the record of what the patient said stays complete).
     */
    private CaseDecision forward(EscalationCase existing, EscalationCommand command, Instant now) {
        ForwardPatientMessage forwarded = command.getForward();
        if (existing == null || forwarded == null || existing.getMessages().stream()
                .anyMatch(m -> forwarded.getMessageId().equals(m.getMessageId()))) {
            return CaseDecision.unchanged();
        }
        EscalationCase changed = EscalationCase.newBuilder(existing)
                .setMessages(withMessage(existing, CaseMessage.newBuilder().setRole("patient")
                        .setText(forwarded.getText()).setAt(now).setMessageId(forwarded.getMessageId()).build()))
                .setUpdatedAt(now)
                .build();
        return new CaseDecision(changed, List.of(CaseEvents.causedBy(command.getMetadata(), 0, now,
                EscalationEventType.PATIENT_MESSAGE_APPENDED, event -> event.setPatientMessage(
                        PatientMessageAppended.newBuilder().setEscalationId(existing.getEscalationId())
                                .setMessageId(forwarded.getMessageId()).setText(forwarded.getText()).build()))));
    }

    /**
     * The conversation no longer needs the case (the patient cancelled). It is honoured even when a
     * pharmacist claimed the case meanwhile: the conversation already moved on when it asked, and
     * the pharmacist's console shows the case as withdrawn.
     */
    private CaseDecision withdrawnByConversation(EscalationCase existing, EscalationCommand command, Instant now) {
        WithdrawEscalation withdraw = command.getWithdraw();
        if (existing == null || withdraw == null || CaseStatus.of(existing).finished()) {
            return CaseDecision.unchanged();
        }
        EscalationCase changed = EscalationCase.newBuilder(existing)
                .setStatus(CaseStatus.WITHDRAWN.name())
                .setResolution(withdraw.getReason())
                .setFinishedAt(now)
                .setUpdatedAt(now)
                .build();
        return new CaseDecision(changed, List.of(CaseEvents.causedBy(command.getMetadata(), 0, now,
                EscalationEventType.ESCALATION_WITHDRAWN, event -> event.setWithdrawn(EscalationWithdrawn.newBuilder()
                        .setEscalationId(existing.getEscalationId()).setReason(withdraw.getReason()).build()))));
    }

    /**
     * Nobody took the case up in time: it is marked breached once and its priority raised, so it
     * moves up the queue; the conversation apologises to a waiting patient.
     */
    private CaseDecision breach(EscalationCase existing, CaseTimer timer, Instant now) {
        EscalationCase changed = EscalationCase.newBuilder(existing)
                .setPriority(SlaPolicy.raised(existing.getPriority()))
                .setSlaBreachedAt(now)
                .setUpdatedAt(now)
                .build();
        return new CaseDecision(changed, List.of(CaseEvents.ofTimer(existing, timer, now,
                EscalationEventType.ESCALATION_SLA_BREACHED, event -> event.setSlaBreached(EscalationSlaBreached
                        .newBuilder().setEscalationId(existing.getEscalationId()).setSlaDueAt(existing.getSlaDueAt())
                        .setPriority(changed.getPriority()).build()))));
    }

    /** The case's thread with {@code message} added, keeping the newest {@value #MAX_MESSAGES}. */
    static List<CaseMessage> withMessage(EscalationCase existing, CaseMessage message) {
        List<CaseMessage> messages = new ArrayList<>(existing.getMessages());
        messages.add(message);
        return messages.size() <= MAX_MESSAGES ? messages
                : new ArrayList<>(messages.subList(messages.size() - MAX_MESSAGES, messages.size()));
    }

    private static EscalateConversation escalate(EscalationCommand command) {
        if (command.getEscalate() == null) {
            throw new IllegalArgumentException("command " + command.getMetadata().getEventId()
                    + " is of type ESCALATE_CONVERSATION but carries no escalate payload");
        }
        return command.getEscalate();
    }
}
