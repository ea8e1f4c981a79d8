package com.rxflow.processor.conversation.workflow;

import java.util.List;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.RedFlagCategory;
import com.rxflow.events.conversation.RedFlagLayer;
import com.rxflow.events.conversation.RedFlagLevel;
import com.rxflow.events.conversation.RedFlagRaised;
import com.rxflow.events.conversation.EscalationStatusRecorded;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.safety.ScreenLevel;
import com.rxflow.processor.understanding.safety.Screening;
import com.rxflow.schemas.event.EscalationEvents;
import com.rxflow.state.EscalationFact;

/**
 * The conversation's side of the human queues: emergencies, handing the conversation to a
 * pharmacist (the assistant is silent, the patient's messages are forwarded, the pharmacist's
 * replies delivered) and taking it back where it stood; and the prescriber's decisions.
 */
final class Handoff {

    /** The reason code of an URGENT case the screen opened without being sure. */
    static final String POSSIBLE_EMERGENCY = "POSSIBLE_EMERGENCY";

    private Handoff() {
    }

    /**
     * The safety screen alarmed: the verdict is recorded, the patient is told at once what to do (or
     * asked one safety question when the screen is unsure), and an URGENT case is opened with the
     * categories as its reasons. Whatever was under way stops: nothing is ordered after an alarm.
     */
    static void emergency(ConversationWorkflow workflow, Turn turn, Message message, Screening screening) {
        turn.record(ConversationEventType.RED_FLAG_RAISED, e -> e.setRedFlagRaised(RedFlagRaised.newBuilder()
                .setMessageId(message.messageId())
                .setLevel(screening.level() == ScreenLevel.EMERGENCY ? RedFlagLevel.EMERGENCY : RedFlagLevel.UNCERTAIN)
                .setCategories(screening.categories().stream().map(c -> RedFlagCategory.valueOf(c.name())).toList())
                .setLayer(RedFlagLayer.valueOf(screening.layer().name())).setEvidence(screening.evidence())
                .setScore(screening.score()).build()));
        turn.say(SafetyReplies.of(screening));
        EscalationFact hold = Holds.active(turn.snapshot());
        boolean urgentOpen = turn.snapshot().getEscalations().stream()
                .anyMatch(f -> f.getRoute().equals(EscalationRoute.URGENT.name()) && Holds.live(f));
        if (hold != null) {
            workflow.forward(turn, hold, message);
        }
        if (urgentOpen) {
            return;
        }
        if (hold == null && turn.request() != null) {
            // whatever was under way stops: nothing is ordered after an emergency
            workflow.closeRequest(turn, Steps.CANCELLED, Trigger.RED_FLAG);
        }
        turn.escalate(EscalationRoute.URGENT, EscalationPriority.URGENT, reasons(screening), message.text(), null,
                hold == null, Steps.COMPLETE);
        if (hold == null) {
            turn.goTo(Steps.WITH_PHARMACIST, Trigger.RED_FLAG);
        }
    }

    /** The case's reasons: the categories, after POSSIBLE_EMERGENCY when the screen was unsure. */
    static List<String> reasons(Screening screening) {
        List<String> reasons = new java.util.ArrayList<>();
        if (screening.level() == ScreenLevel.UNCERTAIN) {
            reasons.add(POSSIBLE_EMERGENCY);
        }
        screening.categories().forEach(c -> reasons.add(c.name()));
        return reasons;
    }

    /**
     * Hands the conversation to a pharmacist: the assistant says why, opens a case that holds the
     * conversation, and will resume at the current question (or finish the request) when it is returned.
     * The case's reasons are {@code why} and then {@code moreReasons}.
     */
    static void toPharmacist(Turn turn, Message message, Trigger why, List<String> moreReasons,
            EscalationPriority priority, Step resume, String reply) {
        String medication = turn.request() == null ? null : turn.request().getMedication();
        List<String> reasons = new java.util.ArrayList<>(List.of(EventCodes.code(why)));
        reasons.addAll(moreReasons);
        turn.say(reply);
        turn.escalate(EscalationRoute.PHARMACIST, priority, reasons, message.text(), medication, true, resume);
        turn.goTo(Steps.WITH_PHARMACIST, why);
    }

    /** Where a conversation handed over at its current step resumes: the open question, or the request's end. */
    static Step resumeHere(Turn turn) {
        if (ConversationWorkflow.asksThePatient(turn.step()) && turn.request() != null) {
            return turn.step();
        }
        return turn.step().lifecycle() == Lifecycle.ERROR ? Steps.ERROR : Steps.COMPLETE;
    }

    /** A message while a pharmacist owns the conversation: forwarded, or the case withdrawn on cancel. */
    static void whileHeld(ConversationWorkflow workflow, Turn turn, Message message, EscalationFact hold,
            Interpretation understood) {
        boolean unclaimed = EventCodes.status(hold) != EscalationStatus.CLAIMED;
        if (unclaimed && (understood.intent() == Intent.CANCEL || understood.has(Intent.START_OVER))) {
            workflow.withdraw(turn, hold, "PATIENT_CANCELLED");
            if (turn.request() != null) {
                turn.updateRequest(RequestChange.CLEARED, null);
            }
            turn.say("OK, I've withdrawn your request to the pharmacist. Is there anything else I can help you with?");
            turn.goTo(Steps.CANCELLED, Trigger.PATIENT_CANCELLED);
            return;
        }
        workflow.forward(turn, hold, message);
    }

    static void onEvent(ConversationWorkflow workflow, Turn turn, EscalationEvent event) {
        if (event.getType() == EscalationEventType.PATIENT_MESSAGE_APPENDED) {
            return; // the echo of a message this conversation forwarded itself
        }
        String escalationId = EscalationEvents.escalationId(event);
        EscalationFact fact = escalationId == null ? null : Holds.byId(turn.snapshot(), escalationId);
        if (fact == null) {
            return; // not this conversation's case, or a kind this release does not know
        }
        turn.answering(null);
        EscalationFact hold = Holds.active(turn.snapshot());
        boolean holding = hold != null && hold.getEscalationId().equals(escalationId);
        switch (event.getType()) {
            case ESCALATION_OPENED -> {
                if (EventCodes.status(fact) != EscalationStatus.REQUESTED) {
                    return;
                }
                workflow.recordStatus(turn, escalationId, EscalationStatus.OPENED, null, null, null, event.getOpened().getSlaDueAt());
                if (holding) {
                    turn.reply(null, "Your request is in the pharmacists' queue. A pharmacist will answer you here, "
                            + "usually by " + Wording.time(event.getOpened().getSlaDueAt(), turn.policy().zone()) + ".",
                            ReplyAuthor.SYSTEM, List.of(), List.of());
                }
            }
            case ESCALATION_CLAIMED -> {
                if (!holding || EventCodes.status(fact) == EscalationStatus.CLAIMED) {
                    return;
                }
                String name = event.getClaimed().getPharmacistName();
                workflow.recordStatus(turn, escalationId, EscalationStatus.CLAIMED, name, null, null, null);
                turn.reply(null, name + ", a pharmacist, has joined the conversation.", ReplyAuthor.SYSTEM, List.of(),
                        List.of());
            }
            case PHARMACIST_REPLIED -> {
                if (!holding) {
                    return;
                }
                String answers = fact.getUnansweredMessageIds().isEmpty() ? null : fact.getUnansweredMessageIds().get(0);
                turn.reply(answers, event.getPharmacistReplied().getText(), ReplyAuthor.PHARMACIST, List.of(), List.of());
                workflow.recordStatus(turn, escalationId, EscalationStatus.PHARMACIST_REPLIED,
                        event.getPharmacistReplied().getPharmacistName(), null, null, null);
            }
            case ESCALATION_RESOLVED -> {
                if (!Holds.live(fact)) {
                    return;
                }
                boolean returned = ConversationWorkflow.returned(event.getResolved().getOutcome());
                String note = event.getResolved().getNote();
                workflow.recordStatus(turn, escalationId, returned ? EscalationStatus.RESOLVED : EscalationStatus.CLOSED, null, note,
                        event.getResolved().getOutcome().name(), null);
                if (!holding) {
                    return;
                }
                String said = note == null || note.isBlank() ? "" : " The pharmacist's note: " + note;
                if (returned) {
                    turn.reply(null, "The pharmacist has handed the conversation back to me." + said,
                            ReplyAuthor.SYSTEM, List.of(), List.of());
                    workflow.resumeAt(turn, resumeStep(workflow, fact),
                            Trigger.RETURNED_TO_ASSISTANT);
                } else {
                    if (turn.request() != null) {
                        turn.updateRequest(RequestChange.CLEARED, null);
                    }
                    turn.reply(null, "The pharmacist has closed this conversation." + said, ReplyAuthor.SYSTEM,
                            List.of(), List.of());
                    turn.goTo(Steps.COMPLETE, Trigger.CLOSED_BY_PHARMACIST);
                }
            }
            case ESCALATION_SLA_BREACHED -> {
                workflow.recordStatus(turn, escalationId, EscalationStatus.SLA_BREACHED, null, null, null, null);
                if (holding && EventCodes.status(fact) != EscalationStatus.CLAIMED) {
                    turn.reply(null, "I'm sorry for the wait: every pharmacist is busy right now. If it is urgent, "
                            + "please call your pharmacy, or 911 in an emergency.", ReplyAuthor.SYSTEM, List.of(),
                            List.of());
                }
            }
            case ESCALATION_WITHDRAWN -> {
                if (Holds.live(fact)) {
                    workflow.recordStatus(turn, escalationId, EscalationStatus.WITHDRAWN, null, event.getWithdrawn().getReason(),
                            null, null);
                    if (holding) {
                        workflow.resumeAt(turn, resumeStep(workflow, fact), Trigger.ESCALATION_WITHDRAWN);
                    }
                }
            }
            case PRESCRIBER_DECISION -> prescriberDecided(workflow, turn, fact, event);
            default -> { }
        }
    }

    private static Step resumeStep(ConversationWorkflow workflow, EscalationFact fact) {
        return workflow.machine().step(fact.getResumeStep()).orElse(Steps.COMPLETE);
    }

    private static void prescriberDecided(ConversationWorkflow workflow, Turn turn, EscalationFact fact,
            EscalationEvent event) {
        var decided = event.getPrescriberDecision();
        if (EventCodes.status(fact) == EscalationStatus.of(decided.getDecision())) {
            return; // a repeated decision
        }
        workflow.recordStatus(turn, fact.getEscalationId(), EscalationStatus.of(decided.getDecision()), decided.getPrescriber(),
                decided.getNote(), decided.getDecision().name(), null);
        String medication = fact.getMedication() == null ? "your medication" : fact.getMedication();
        String note = decided.getNote() == null || decided.getNote().isBlank() ? "" : " Their note: " + decided.getNote();
        if (decided.getDecision() == PrescriberDecision.APPROVED) {
            turn.say("Good news: your prescriber approved the renewal of " + medication + "." + note);
            workflow.continueApprovedRefill(turn, decided, fact.getMedication());
        } else if (decided.getDecision() == PrescriberDecision.DENIED) {
            turn.say("Your prescriber did not approve the renewal of " + medication + "." + note
                    + " Please contact your prescriber's office about it. No order was placed.");
        } else {
            turn.say("Your prescriber needs more information before renewing " + medication + "." + note
                    + " Please contact your prescriber's office.");
        }
    }

    /** The patient has waited a while for a pharmacist: tell them when to expect one. */
    static void waitNotice(Turn turn, String escalationId) {
        EscalationFact fact = Holds.byId(turn.snapshot(), escalationId);
        String by = fact.getSlaDueAt() == null ? "shortly"
                : "by " + Wording.time(fact.getSlaDueAt(), turn.policy().zone());
        turn.reply(null, "Thanks for waiting. All pharmacists are helping other patients; one will answer you here "
                + by + ".", ReplyAuthor.SYSTEM, List.of(), List.of());
        turn.record(ConversationEventType.ESCALATION_STATUS_RECORDED, e -> e.setEscalationStatus(
                EscalationStatusRecorded.newBuilder().setEscalationId(escalationId).setStatus(EventCodes.code(EscalationStatus.WAIT_NOTICE_SENT)).build()));
    }
}
