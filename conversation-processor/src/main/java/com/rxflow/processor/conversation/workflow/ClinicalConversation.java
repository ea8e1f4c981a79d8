package com.rxflow.processor.conversation.workflow;

import java.util.List;
import java.util.Set;

import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;

/**
 * Questions only a pharmacist may answer ("can I take ibuprofen with my meloxicam?", dosing,
 * side effects, pregnancy): the assistant gives no clinical advice; it hands the question, in the
 * patient's words, to a pharmacist who then owns the conversation.
 */
final class ClinicalConversation implements ConversationType {

    static final String NAME = "clinical";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Intent> intents() {
        return Set.of(Intent.INTERACTION_QUESTION, Intent.DOSING_QUESTION, Intent.SIDE_EFFECTS, Intent.CLINICAL_QUESTION);
    }

    @Override
    public List<Step> steps() {
        return List.of();
    }

    @Override
    public List<Transition> transitions() {
        return List.of();
    }

    @Override
    public void open(Turn turn, Message message, Interpretation understood) {
        String medication = understood.medications().stream().map(m -> m.name()).filter(n -> n != null)
                .findFirst().orElse(null);
        turn.updateRequest(NAME, RequestChange.OPENED, RequestDetails.newBuilder().setIntent(understood.intent().name())
                .setQuestion(message.text()).setMedication(medication).build());
        turn.goTo(Steps.UNDERSTAND_REQUEST, Trigger.CLINICAL_QUESTION);
        Handoff.toPharmacist(turn, message, Trigger.CLINICAL_QUESTION, List.of(understood.intent().name()),
                EscalationPriority.ROUTINE, Steps.COMPLETE, "That is a question for a pharmacist: as " + Wording.DISCLOSURE
                        + " I can't give medical advice beyond your label directions. I've passed your question to a "
                        + "pharmacist, who will answer you here in this conversation.");
    }

    @Override
    public boolean answer(Turn turn, Message message, Interpretation understood) {
        return false; // a pharmacist owns the conversation until the question is answered
    }

    @Override
    public void onBatch(Turn turn, Batch batch) {
        // this type calls no tools
    }

    @Override
    public void resume(Turn turn) {
        turn.updateRequest(RequestChange.ANSWERED_BY_PHARMACIST, null);
        turn.say("Is there anything else I can help you with?");
    }
}
