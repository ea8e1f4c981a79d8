package com.rxflow.escalation.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.rxflow.events.escalation.ActionOutcome;
import com.rxflow.events.escalation.Actor;
import com.rxflow.events.escalation.CaseMessage;
import com.rxflow.events.escalation.EscalationClaimed;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationResolved;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.EscalationWithdrawn;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.escalation.PharmacistReplied;
import com.rxflow.events.escalation.PrescriberDecided;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.RecordPrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.events.escalation.ResolveCase;
import com.rxflow.state.EscalationCase;

/**
 * What a pharmacist's action does to a case. Actions of one case reach one task in the order they
 * were written, so these rules alone decide a race: the first claim wins, and the second is
 * refused with the name of who has the case. Every outcome, accepted or refused, is kept with the
 * case under the action's id: a repeated action changes nothing, and the API reads the outcome of
 * the action it sent.
 */
final class ActionRules {

    /** Action outcomes kept per case: enough to recognise a client's retries. */
    static final int MAX_OUTCOMES = 32;

    /** Why an action was refused, as the stable codes of {@code ActionOutcome.problem}. */
    enum Problem {
        ALREADY_CLAIMED, NOT_OWNER, CASE_FINISHED, WRONG_ROUTE, INVALID
    }

    static String escalationId(PharmacistAction action) {
        return switch (action.getType()) {
            case CLAIM -> action.getClaim() == null ? null : action.getClaim().getEscalationId();
            case REPLY -> action.getReply() == null ? null : action.getReply().getEscalationId();
            case RESOLVE -> action.getResolve() == null ? null : action.getResolve().getEscalationId();
            case WITHDRAW -> action.getWithdraw() == null ? null : action.getWithdraw().getEscalationId();
            case RECORD_PRESCRIBER_DECISION -> action.getPrescriberDecision() == null ? null
                    : action.getPrescriberDecision().getEscalationId();
            default -> null;
        };
    }

    CaseDecision apply(EscalationCase existing, PharmacistAction action, Instant now) {
        if (existing == null || escalationId(action) == null) {
            return CaseDecision.unchanged(); // nothing to act on, nowhere to record an outcome
        }
        if (existing.getActionOutcomes().stream().anyMatch(o -> o.getActionId().equals(action.getActionId()))) {
            return CaseDecision.unchanged(); // a repeated action: it was applied (or refused) once
        }
        if (!existing.getConversationId().equals(action.getMetadata().getConversationId())) {
            return refuse(existing, action, now, Problem.INVALID, "the action names another conversation");
        }
        return switch (action.getType()) {
            case CLAIM -> claim(existing, action, now);
            case REPLY -> reply(existing, action, now);
            case RESOLVE -> resolve(existing, action, now);
            case WITHDRAW -> withdraw(existing, action, now);
            case RECORD_PRESCRIBER_DECISION -> decide(existing, action, now);
            default -> CaseDecision.unchanged();
        };
    }

    private CaseDecision claim(EscalationCase existing, PharmacistAction action, Instant now) {
        CaseStatus status = CaseStatus.of(existing);
        Actor actor = action.getActor();
        if (existing.getRoute() == EscalationRoute.PRESCRIBER) {
            return refuse(existing, action, now, Problem.WRONG_ROUTE,
                    "prescriber cases are not claimed: record the prescriber's decision");
        }
        if (status == CaseStatus.CLAIMED) {
            if (isOwner(existing, actor)) {
                return accept(existing, action, now, EscalationCase.newBuilder(existing), List.of());
            }
            return refuse(existing, action, now, Problem.ALREADY_CLAIMED, ownerName(existing) + " has this case");
        }
        if (status.finished()) {
            return finished(existing, action, now);
        }
        EscalationCase.Builder claimed = EscalationCase.newBuilder(existing)
                .setStatus(CaseStatus.CLAIMED.name()).setOwner(actor).setClaimedAt(now);
        return accept(existing, action, now, claimed, List.of(CaseEvents.causedBy(action.getMetadata(), 0, now,
                EscalationEventType.ESCALATION_CLAIMED, event -> event.setClaimed(EscalationClaimed.newBuilder()
                        .setEscalationId(existing.getEscalationId()).setPharmacistId(actor.getId())
                        .setPharmacistName(actor.getName()).build()))));
    }

    private CaseDecision reply(EscalationCase existing, PharmacistAction action, Instant now) {
        CaseDecision refused = requireOwner(existing, action, now);
        if (refused != null) {
            return refused;
        }
        String text = action.getReply().getText();
        if (text == null || text.isBlank()) {
            return refuse(existing, action, now, Problem.INVALID, "a reply needs text");
        }
        Actor actor = action.getActor();
        EscalationCase.Builder replied = EscalationCase.newBuilder(existing).setMessages(CaseDecider.withMessage(
                existing, CaseMessage.newBuilder().setRole("pharmacist").setText(text).setAt(now)
                        .setAuthorId(actor.getId()).setAuthorName(actor.getName()).build()));
        return accept(existing, action, now, replied, List.of(CaseEvents.causedBy(action.getMetadata(), 0, now,
                EscalationEventType.PHARMACIST_REPLIED, event -> event.setPharmacistReplied(PharmacistReplied
                        .newBuilder().setEscalationId(existing.getEscalationId()).setText(text)
                        .setPharmacistId(actor.getId()).setPharmacistName(actor.getName()).build()))));
    }

    private CaseDecision resolve(EscalationCase existing, PharmacistAction action, Instant now) {
        CaseDecision refused = requireOwner(existing, action, now);
        if (refused != null) {
            return refused;
        }
        ResolveCase resolve = action.getResolve();
        Actor actor = action.getActor();
        CaseStatus status = resolve.getOutcome() == ResolutionOutcome.CLOSED ? CaseStatus.CLOSED : CaseStatus.RETURNED;
        EscalationCase.Builder resolved = finish(existing, status, actor, now)
                .setResolution(resolve.getOutcome().name()).setNote(blankToNull(resolve.getNote()));
        return accept(existing, action, now, resolved, List.of(CaseEvents.causedBy(action.getMetadata(), 0, now,
                EscalationEventType.ESCALATION_RESOLVED, event -> event.setResolved(EscalationResolved.newBuilder()
                        .setEscalationId(existing.getEscalationId()).setOutcome(resolve.getOutcome())
                        .setNote(blankToNull(resolve.getNote())).setPharmacistId(actor.getId())
                        .setPharmacistName(actor.getName()).build()))));
    }

    private CaseDecision withdraw(EscalationCase existing, PharmacistAction action, Instant now) {
        CaseStatus status = CaseStatus.of(existing);
        Actor actor = action.getActor();
        if (status.finished()) {
            return finished(existing, action, now);
        }
        if (status == CaseStatus.CLAIMED && !isOwner(existing, actor)) {
            return refuse(existing, action, now, Problem.NOT_OWNER, ownerName(existing) + " has this case");
        }
        String reason = action.getWithdraw().getReason();
        EscalationCase.Builder withdrawn = finish(existing, CaseStatus.WITHDRAWN, actor, now).setResolution(reason);
        return accept(existing, action, now, withdrawn, List.of(CaseEvents.causedBy(action.getMetadata(), 0, now,
                EscalationEventType.ESCALATION_WITHDRAWN, event -> event.setWithdrawn(EscalationWithdrawn.newBuilder()
                        .setEscalationId(existing.getEscalationId()).setReason(reason)
                        .setPharmacistId(actor.getId()).setPharmacistName(actor.getName()).build()))));
    }

    /**
     * The prescriber's answer: asking for more information keeps the case in the prescriber queue
     * (a later answer settles it); an approval or a denial takes it out.
     */
    private CaseDecision decide(EscalationCase existing, PharmacistAction action, Instant now) {
        if (existing.getRoute() != EscalationRoute.PRESCRIBER) {
            return refuse(existing, action, now, Problem.WRONG_ROUTE, "only prescriber cases take a prescriber's decision");
        }
        if (CaseStatus.of(existing).finished()) {
            return finished(existing, action, now);
        }
        RecordPrescriberDecision decided = action.getPrescriberDecision();
        Actor actor = action.getActor();
        String prescriber = decided.getPrescriber() == null || decided.getPrescriber().isBlank() ? actor.getName()
                : decided.getPrescriber();
        String note = blankToNull(decided.getNote());
        CaseStatus status = CaseStatus.valueOf(decided.getDecision().name());
        EscalationCase.Builder changed = status.finished()
                ? finish(existing, status, actor, now).setResolution(status.name())
                : EscalationCase.newBuilder(existing).setStatus(status.name());
        changed.setPrescriber(prescriber).setNote(note).setMessages(CaseDecider.withMessage(existing,
                CaseMessage.newBuilder().setRole("prescriber").setText(describe(decided.getDecision(), note))
                        .setAt(now).setAuthorId(actor.getId()).setAuthorName(prescriber).build()));
        return accept(existing, action, now, changed, List.of(CaseEvents.causedBy(action.getMetadata(), 0, now,
                EscalationEventType.PRESCRIBER_DECISION, event -> event.setPrescriberDecision(PrescriberDecided
                        .newBuilder().setEscalationId(existing.getEscalationId()).setDecision(decided.getDecision())
                        .setNote(note).setPrescriber(prescriber).setRecordedById(actor.getId())
                        .setRecordedByName(actor.getName()).build()))));
    }

    /** Replies and resolutions belong to the pharmacist who claimed the case; null when the actor is them. */
    private CaseDecision requireOwner(EscalationCase existing, PharmacistAction action, Instant now) {
        CaseStatus status = CaseStatus.of(existing);
        if (existing.getRoute() == EscalationRoute.PRESCRIBER) {
            return refuse(existing, action, now, Problem.WRONG_ROUTE,
                    "prescriber cases are answered by the prescriber's decision");
        }
        if (status.finished()) {
            return finished(existing, action, now);
        }
        if (status != CaseStatus.CLAIMED) {
            return refuse(existing, action, now, Problem.NOT_OWNER, "claim the case first");
        }
        if (!isOwner(existing, action.getActor())) {
            return refuse(existing, action, now, Problem.NOT_OWNER, ownerName(existing) + " has this case");
        }
        return null;
    }

    private static EscalationCase.Builder finish(EscalationCase existing, CaseStatus status, Actor actor, Instant now) {
        return EscalationCase.newBuilder(existing).setStatus(status.name()).setFinishedBy(actor).setFinishedAt(now);
    }

    private CaseDecision finished(EscalationCase existing, PharmacistAction action, Instant now) {
        return refuse(existing, action, now, Problem.CASE_FINISHED,
                "the case is " + CaseStatus.of(existing).name().toLowerCase().replace('_', ' '));
    }

    private static CaseDecision accept(EscalationCase existing, PharmacistAction action, Instant now,
            EscalationCase.Builder changed, List<EscalationEvent> events) {
        ActionOutcome outcome = outcome(action, now).setAccepted(true).build();
        return new CaseDecision(changed.setActionOutcomes(withOutcome(existing, outcome)).setUpdatedAt(now).build(),
                events);
    }

    /** A refused action changes nothing but the record of its outcome, and publishes nothing. */
    private static CaseDecision refuse(EscalationCase existing, PharmacistAction action, Instant now, Problem problem,
            String detail) {
        ActionOutcome outcome = outcome(action, now).setAccepted(false).setProblem(problem.name()).setDetail(detail)
                .build();
        return new CaseDecision(EscalationCase.newBuilder(existing).setActionOutcomes(withOutcome(existing, outcome))
                .build(), List.of());
    }

    private static ActionOutcome.Builder outcome(PharmacistAction action, Instant now) {
        return ActionOutcome.newBuilder().setActionId(action.getActionId()).setKind(action.getType())
                .setActorId(action.getActor().getId()).setAt(now);
    }

    private static List<ActionOutcome> withOutcome(EscalationCase existing, ActionOutcome outcome) {
        List<ActionOutcome> outcomes = new ArrayList<>(existing.getActionOutcomes());
        outcomes.add(outcome);
        return outcomes.size() <= MAX_OUTCOMES ? outcomes
                : new ArrayList<>(outcomes.subList(outcomes.size() - MAX_OUTCOMES, outcomes.size()));
    }

    private static boolean isOwner(EscalationCase existing, Actor actor) {
        return existing.getOwner() != null && existing.getOwner().getId().equals(actor.getId());
    }

    private static String ownerName(EscalationCase existing) {
        return existing.getOwner() == null ? "another pharmacist" : existing.getOwner().getName();
    }

    private static String describe(PrescriberDecision decision, String note) {
        String said = switch (decision) {
            case APPROVED -> "Approved";
            case DENIED -> "Denied";
            case MORE_INFO_NEEDED -> "More information needed";
        };
        return note == null ? said : said + ": " + note;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
