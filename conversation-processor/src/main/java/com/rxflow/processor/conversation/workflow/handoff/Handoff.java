package com.rxflow.processor.conversation.workflow.handoff;

import java.util.ArrayList;
import java.util.List;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.RedFlagCategory;
import com.rxflow.events.conversation.RedFlagLayer;
import com.rxflow.events.conversation.RedFlagLevel;
import com.rxflow.events.conversation.RedFlagRaised;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.processor.conversation.workflow.EscalationStatus;
import com.rxflow.processor.conversation.workflow.EventCodes;
import com.rxflow.processor.conversation.workflow.Holds;
import com.rxflow.processor.conversation.workflow.Lifecycle;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Step;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.safety.ScreenLevel;
import com.rxflow.processor.understanding.safety.Screening;
import com.rxflow.state.EscalationFact;

/**
 * Handing the conversation to a person: on an emergency (at once, whatever was under way), to a
 * pharmacist when a rule or the patient asks for one (the assistant is silent and forwards the
 * patient's messages until the case is returned), and the patient withdrawing a case nobody has
 * claimed yet. What the people do with the case afterwards is {@link CaseEvents}.
 */
public final class Handoff {

    /** The reason code of an URGENT case the screen opened without being sure. */
    static final String POSSIBLE_EMERGENCY = "POSSIBLE_EMERGENCY";

    private Handoff() {
    }

    /**
     * The safety screen alarmed: the verdict is recorded, the patient is told at once what to do (or
     * asked one safety question when the screen is unsure), and an URGENT case is opened with the
     * categories as its reasons. Whatever was under way stops: nothing is ordered after an alarm.
     */
    public static void emergency(Turn turn, Message message, Screening screening) {
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
            Cases.forward(turn, hold, message);
        }
        if (urgentOpen) {
            return;
        }
        if (hold == null && turn.request() != null) {
            // whatever was under way stops: nothing is ordered after an emergency
            turn.closeRequest(Steps.CANCELLED, Trigger.RED_FLAG);
        }
        Cases.open(turn, EscalationRoute.URGENT, EscalationPriority.URGENT, reasons(screening), message.text(), null,
                hold == null, Steps.COMPLETE);
        if (hold == null) {
            turn.goTo(Steps.WITH_PHARMACIST, Trigger.RED_FLAG);
        }
    }

    /** The case's reasons: the categories, after POSSIBLE_EMERGENCY when the screen was unsure. */
    static List<String> reasons(Screening screening) {
        List<String> reasons = new ArrayList<>();
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
    public static void toPharmacist(Turn turn, Message message, Trigger why, List<String> moreReasons,
            EscalationPriority priority, Step resume, String reply) {
        String medication = turn.request() == null ? null : turn.request().getMedication();
        List<String> reasons = new ArrayList<>(List.of(EventCodes.code(why)));
        reasons.addAll(moreReasons);
        turn.say(reply);
        Cases.open(turn, EscalationRoute.PHARMACIST, priority, reasons, message.text(), medication, true, resume);
        turn.goTo(Steps.WITH_PHARMACIST, why);
    }

    /** Where a conversation handed over at its current step resumes: the open question, or the request's end. */
    public static Step resumeHere(Turn turn) {
        if (turn.step().asksThePatient() && turn.request() != null) {
            return turn.step();
        }
        return turn.step().lifecycle() == Lifecycle.ERROR ? Steps.ERROR : Steps.COMPLETE;
    }

    /** A message while a person owns the conversation: forwarded, or the case withdrawn on cancel if unclaimed. */
    public static void whileHeld(Turn turn, Message message, EscalationFact hold, Interpretation understood) {
        boolean unclaimed = EventCodes.status(hold) != EscalationStatus.CLAIMED;
        if (unclaimed && (understood.intent() == Intent.CANCEL || understood.has(Intent.START_OVER))) {
            Cases.withdraw(turn, hold, "PATIENT_CANCELLED");
            if (turn.request() != null) {
                turn.updateRequest(RequestChange.CLEARED, null);
            }
            turn.say("OK, I've withdrawn your request to the pharmacist. Is there anything else I can help you with?");
            turn.goTo(Steps.CANCELLED, Trigger.PATIENT_CANCELLED);
            return;
        }
        Cases.forward(turn, hold, message);
    }
}
