package com.rxflow.processor.conversation.workflow.handoff;

import java.util.List;
import java.util.Optional;

import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.processor.conversation.workflow.ConversationType;
import com.rxflow.processor.conversation.workflow.EscalationStatus;
import com.rxflow.processor.conversation.workflow.EventCodes;
import com.rxflow.processor.conversation.workflow.Holds;
import com.rxflow.processor.conversation.workflow.Lifecycle;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Step;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.conversation.workflow.Wording;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.schemas.event.EscalationEvents;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationFact;

/**
 * What the people behind the assistant do to a conversation's cases, as the patient sees it: the
 * case is queued (with the expected time), a pharmacist joins, replies in the chat, hands the
 * conversation back (the assistant resumes where it stood) or closes it; the queue is late; a
 * prescriber decides a renewal (an approval continues the refill at once when the chat is free).
 */
public final class CaseEvents {

    private CaseEvents() {
    }

    public static void onEvent(Turn turn, EscalationEvent event) {
        if (event.getType() == EscalationEventType.PATIENT_MESSAGE_APPENDED) {
            return; // the echo of a message this conversation forwarded itself
        }
        String escalationId = EscalationEvents.escalationId(event);
        EscalationFact fact = escalationId == null ? null : Holds.byId(turn.snapshot(), escalationId);
        if (fact == null) {
            return; // not this conversation's case, or a kind this release does not know
        }
        EscalationStatus status = EventCodes.status(fact);
        EscalationFact hold = Holds.active(turn.snapshot());
        boolean holding = hold != null && hold.getEscalationId().equals(escalationId);
        switch (event.getType()) {
            case ESCALATION_OPENED -> {
                if (status != EscalationStatus.REQUESTED) {
                    return;
                }
                Cases.record(turn, escalationId, EscalationStatus.OPENED, null, null, null,
                        event.getOpened().getSlaDueAt());
                if (holding) {
                    turn.notice("Your request is in the pharmacists' queue. A pharmacist will answer you here, "
                            + "usually by " + Wording.time(event.getOpened().getSlaDueAt(), turn.policy().zone()) + ".");
                }
            }
            case ESCALATION_CLAIMED -> {
                if (!holding || status == EscalationStatus.CLAIMED) {
                    return;
                }
                String name = event.getClaimed().getPharmacistName();
                Cases.record(turn, escalationId, EscalationStatus.CLAIMED, name, null, null, null);
                turn.notice(name + ", a pharmacist, has joined the conversation.");
            }
            case PHARMACIST_REPLIED -> {
                if (!holding) {
                    return;
                }
                String answers = fact.getUnansweredMessageIds().isEmpty() ? null : fact.getUnansweredMessageIds().get(0);
                turn.relay(answers, event.getPharmacistReplied().getText());
                Cases.record(turn, escalationId, EscalationStatus.PHARMACIST_REPLIED,
                        event.getPharmacistReplied().getPharmacistName(), null, null, null);
            }
            case ESCALATION_RESOLVED -> resolved(turn, fact, event, holding);
            case ESCALATION_SLA_BREACHED -> {
                Cases.record(turn, escalationId, EscalationStatus.SLA_BREACHED, null, null, null, null);
                if (holding && status != EscalationStatus.CLAIMED) {
                    turn.notice("I'm sorry for the wait: every pharmacist is busy right now. If it is urgent, "
                            + "please call your pharmacy, or 911 in an emergency.");
                }
            }
            case ESCALATION_WITHDRAWN -> {
                if (Holds.live(fact)) {
                    Cases.record(turn, escalationId, EscalationStatus.WITHDRAWN, null,
                            event.getWithdrawn().getReason(), null, null);
                    if (holding) {
                        resumeAt(turn, resumeStep(turn, fact), Trigger.ESCALATION_WITHDRAWN);
                    }
                }
            }
            case PRESCRIBER_DECISION -> prescriberDecided(turn, fact, event);
            default -> { }
        }
    }

    /** The pharmacist finished: the conversation comes back to the assistant, or is closed with the case. */
    private static void resolved(Turn turn, EscalationFact fact, EscalationEvent event, boolean holding) {
        if (!Holds.live(fact)) {
            return;
        }
        boolean returned = event.getResolved().getOutcome() != ResolutionOutcome.CLOSED;
        String note = event.getResolved().getNote();
        Cases.record(turn, fact.getEscalationId(), returned ? EscalationStatus.RESOLVED : EscalationStatus.CLOSED,
                null, note, event.getResolved().getOutcome().name(), null);
        if (!holding) {
            return;
        }
        String said = note == null || note.isBlank() ? "" : " The pharmacist's note: " + note;
        if (returned) {
            turn.notice("The pharmacist has handed the conversation back to me." + said);
            resumeAt(turn, resumeStep(turn, fact), Trigger.RETURNED_TO_ASSISTANT);
        } else {
            if (turn.request() != null) {
                turn.updateRequest(RequestChange.CLEARED, null);
            }
            turn.notice("The pharmacist has closed this conversation." + said);
            turn.goTo(Steps.COMPLETE, Trigger.CLOSED_BY_PHARMACIST);
        }
    }

    private static Step resumeStep(Turn turn, EscalationFact fact) {
        return turn.step(fact.getResumeStep()).orElse(Steps.COMPLETE);
    }

    /** The assistant takes the conversation back at {@code step} and asks its question again. */
    private static void resumeAt(Turn turn, Step step, Trigger trigger) {
        turn.goTo(step, trigger);
        Optional<ConversationType> type = turn.types().byName(turn.snapshot().getConversationType());
        if (turn.request() != null && type.isPresent()) {
            type.get().resume(turn);
        } else if (step.lifecycle() == Lifecycle.ERROR) {
            turn.say("Would you like me to try again, or start over?", List.of("Try again", "Start over"), List.of());
        } else {
            turn.say("Is there anything else I can help you with?");
        }
    }

    private static void prescriberDecided(Turn turn, EscalationFact fact, EscalationEvent event) {
        var decided = event.getPrescriberDecision();
        EscalationStatus decision = EscalationStatus.of(decided.getDecision());
        if (EventCodes.status(fact) == decision) {
            return; // a repeated decision
        }
        Cases.record(turn, fact.getEscalationId(), decision, decided.getPrescriber(), decided.getNote(),
                decided.getDecision().name(), null);
        String medication = fact.getMedication() == null ? "your medication" : fact.getMedication();
        String note = decided.getNote() == null || decided.getNote().isBlank() ? "" : " Their note: " + decided.getNote();
        if (decided.getDecision() == PrescriberDecision.APPROVED) {
            turn.say("Good news: your prescriber approved the renewal of " + medication + "." + note);
            continueApprovedRenewal(turn, fact.getMedication());
        } else if (decided.getDecision() == PrescriberDecision.DENIED) {
            turn.say("Your prescriber did not approve the renewal of " + medication + "." + note
                    + " Please contact your prescriber's office about it. No order was placed.");
        } else {
            turn.say("Your prescriber needs more information before renewing " + medication + "." + note
                    + " Please contact your prescriber's office.");
        }
    }

    /**
     * A prescriber approved a renewal: when the conversation is free, the type that serves refills
     * continues with the medication at once; otherwise the patient is told how to pick it up later.
     */
    private static void continueApprovedRenewal(Turn turn, String medication) {
        ConversationSnapshot s = turn.snapshot();
        boolean free = s.getRequest() == null && Holds.active(s) == null && !turn.waitingOnTools()
                && !turn.step().asksThePatient() && turn.step().lifecycle() != Lifecycle.PROCESSING;
        Optional<ConversationType> refill = turn.types().forIntent(Intent.REFILL);
        if (!(free && medication != null && refill.isPresent() && refill.get().continueApproved(turn, medication))) {
            turn.say("Say \"refill " + medication + "\" when you'd like me to continue with it.");
        }
    }

    /** The patient has waited a while for a pharmacist: tell them when to expect one. */
    public static void waitNotice(Turn turn, String escalationId) {
        EscalationFact fact = Holds.byId(turn.snapshot(), escalationId);
        String by = fact.getSlaDueAt() == null ? "shortly"
                : "by " + Wording.time(fact.getSlaDueAt(), turn.policy().zone());
        turn.notice("Thanks for waiting. All pharmacists are helping other patients; one will answer you here "
                + by + ".");
        Cases.record(turn, escalationId, EscalationStatus.WAIT_NOTICE_SENT, null, null, null, null);
    }
}
