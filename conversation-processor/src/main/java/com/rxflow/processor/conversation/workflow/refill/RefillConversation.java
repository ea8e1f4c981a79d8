package com.rxflow.processor.conversation.workflow.refill;

import static com.rxflow.processor.conversation.workflow.Steps.CHECK_AUTHORIZATION;
import static com.rxflow.processor.conversation.workflow.Steps.CHECK_INVENTORY;
import static com.rxflow.processor.conversation.workflow.Steps.CLARIFY_MEDICATION;
import static com.rxflow.processor.conversation.workflow.Steps.COMPLETE;
import static com.rxflow.processor.conversation.workflow.Steps.CONFIRM_DOSAGE;
import static com.rxflow.processor.conversation.workflow.Steps.CONFIRM_ORDER;
import static com.rxflow.processor.conversation.workflow.Steps.ERROR;
import static com.rxflow.processor.conversation.workflow.Steps.FIND_PHARMACIES;
import static com.rxflow.processor.conversation.workflow.Steps.IDENTIFY_MEDICATION;
import static com.rxflow.processor.conversation.workflow.Steps.PLACE_ORDER;
import static com.rxflow.processor.conversation.workflow.Steps.PRESCRIBER_REVIEW;
import static com.rxflow.processor.conversation.workflow.Steps.PRIOR_AUTHORIZATION;
import static com.rxflow.processor.conversation.workflow.Steps.SELECT_PHARMACY;
import static com.rxflow.processor.conversation.workflow.Steps.START;
import static com.rxflow.processor.conversation.workflow.Steps.UNDERSTAND_REQUEST;
import static com.rxflow.processor.conversation.workflow.Steps.WITH_PHARMACIST;

import java.util.List;
import java.util.Set;

import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.processor.conversation.workflow.Batch;
import com.rxflow.processor.conversation.workflow.ConversationType;
import com.rxflow.processor.conversation.workflow.Lifecycle;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Step;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Transition;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;

/**
 * The refill workflow, read top to bottom as a pharmacist would run it:
 * <ol>
 * <li>{@link Identification}: which of the patient's medications (clarify when unsure);</li>
 * <li>{@link Checks}: prescription facts, allergies, interactions and coverage from the tools, and the
 * {@link RefillGates} over them (a pharmacist or the prescriber when a rule says so), then the patient
 * confirms the dosage on record;</li>
 * <li>{@link Pharmacies}: find and choose a pharmacy, and check its stock (alternatives when it is out);</li>
 * <li>{@link Ordering}: state every detail of the order and place it only after an explicit yes.</li>
 * </ol>
 * One question per reply. Several medications named in one message are handled one after the other
 * ({@link RefillRequest}). This class is the conversation type: the steps and moves it declares, and
 * where each patient answer and each batch of tool answers goes.
 */
public final class RefillConversation implements ConversationType {

    /** The type's name in the domain log. */
    public static final String NAME = "refill";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<Intent> intents() {
        return Set.of(Intent.REFILL);
    }

    @Override
    public List<Step> steps() {
        return List.of(IDENTIFY_MEDICATION, CLARIFY_MEDICATION, CHECK_AUTHORIZATION, CONFIRM_DOSAGE, PRESCRIBER_REVIEW,
                PRIOR_AUTHORIZATION, FIND_PHARMACIES, SELECT_PHARMACY, CHECK_INVENTORY, CONFIRM_ORDER, PLACE_ORDER);
    }

    @Override
    public List<Transition> transitions() {
        return List.of(
                new Transition(START, IDENTIFY_MEDICATION, "refill asked"),
                new Transition(UNDERSTAND_REQUEST, IDENTIFY_MEDICATION, "refill asked"),
                new Transition(ERROR, IDENTIFY_MEDICATION, "retry"),
                new Transition(IDENTIFY_MEDICATION, CLARIFY_MEDICATION, "unsure which medication"),
                new Transition(START, CLARIFY_MEDICATION, "question asked again after a handoff"),
                new Transition(CLARIFY_MEDICATION, IDENTIFY_MEDICATION, "none of those"),
                new Transition(IDENTIFY_MEDICATION, CHECK_AUTHORIZATION, "medication identified"),
                new Transition(CLARIFY_MEDICATION, CHECK_AUTHORIZATION, "medication clarified"),
                new Transition(CHECK_AUTHORIZATION, CONFIRM_DOSAGE, "gates passed"),
                new Transition(CHECK_AUTHORIZATION, PRESCRIBER_REVIEW, "no refills / expired / controlled / review"),
                new Transition(CHECK_AUTHORIZATION, PRIOR_AUTHORIZATION, "prior authorization required"),
                new Transition(CONFIRM_DOSAGE, FIND_PHARMACIES, "dosage confirmed"),
                new Transition(CONFIRM_DOSAGE, CHECK_AUTHORIZATION, "corrected medication"),
                new Transition(FIND_PHARMACIES, SELECT_PHARMACY, "pharmacies listed"),
                new Transition(SELECT_PHARMACY, CHECK_INVENTORY, "pharmacy chosen"),
                new Transition(SELECT_PHARMACY, FIND_PHARMACIES, "other ZIP code"),
                new Transition(SELECT_PHARMACY, CHECK_AUTHORIZATION, "corrected medication"),
                new Transition(CHECK_INVENTORY, CONFIRM_ORDER, "in stock"),
                new Transition(CHECK_INVENTORY, SELECT_PHARMACY, "out of stock: alternatives"),
                new Transition(CONFIRM_ORDER, PLACE_ORDER, "explicit yes"),
                new Transition(CONFIRM_ORDER, SELECT_PHARMACY, "no / other pharmacy"),
                new Transition(CONFIRM_ORDER, CHECK_INVENTORY, "corrected pharmacy"),
                new Transition(CONFIRM_ORDER, CHECK_AUTHORIZATION, "corrected medication"),
                new Transition(PLACE_ORDER, COMPLETE, "order placed"),
                new Transition(CHECK_AUTHORIZATION, WITH_PHARMACIST, "allergy / interaction / not in history / early"));
    }

    // ---- where each answer goes

    @Override
    public void open(Turn turn, Message message, Interpretation understood) {
        turn.updateRequest(NAME, RequestChange.OPENED, RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                .setQuestion(message.text()).setStatedStrength(understood.strength())
                .setQuantity(understood.quantity()).setDaysSupply(understood.daysSupply()).setZip(understood.zip())
                .build());
        turn.goTo(IDENTIFY_MEDICATION, Trigger.REFILL_REQUESTED);
        Identification.identify(turn, understood);
    }

    @Override
    public boolean answer(Turn turn, Message message, Interpretation understood) {
        Step step = turn.step();
        RequestDetails request = turn.request();
        boolean newMedication = understood.medications().stream()
                .anyMatch(m -> m.name() == null || !m.name().equals(request.getMedication()));
        if (understood.intent().isRequest() && understood.intent() != Intent.REFILL && !newMedication
                && understood.pharmacy() == null) {
            return false; // another kind of request: the workflow takes it
        }
        if (step.equals(IDENTIFY_MEDICATION)) {
            Identification.identify(turn, understood);
            return true;
        }
        if (step.equals(CLARIFY_MEDICATION)) {
            Identification.clarified(turn, understood);
            return true;
        }
        if (newMedication && !understood.medications().isEmpty()) {
            Identification.corrected(turn, understood);
            return true;
        }
        if (step.equals(CONFIRM_DOSAGE)) {
            Checks.dosageAnswered(turn, understood);
        } else if (step.equals(SELECT_PHARMACY)) {
            Pharmacies.pharmacyAnswered(turn, understood);
        } else if (step.equals(CONFIRM_ORDER)) {
            Ordering.orderAnswered(turn, message, understood);
        } else {
            return false;
        }
        return true;
    }

    @Override
    public void onBatch(Turn turn, Batch batch) {
        switch (batch.purpose()) {
            case Identification.IDENTIFY -> {
                if (batch.anyFailed()) {
                    RefillRequest.failed(turn, "look up your medications");
                } else {
                    Identification.identify(turn, turn.understand(turn.request().getQuestion()));
                }
            }
            case Checks.CHECK -> Checks.checked(turn, batch);
            case Checks.PRIOR_AUTH -> Checks.priorAuthorization(turn, batch);
            case Pharmacies.FIND -> Pharmacies.pharmaciesFound(turn, batch);
            case Pharmacies.STOCK -> Pharmacies.stockChecked(turn, batch);
            case Ordering.ORDER -> Ordering.placed(turn, batch);
            default -> { }
        }
    }

    @Override
    public void resume(Turn turn) {
        Step step = turn.step();
        if (step.equals(CONFIRM_DOSAGE)) {
            Checks.askDosage(turn);
        } else if (step.equals(SELECT_PHARMACY)) {
            Pharmacies.askAgain(turn, "");
        } else if (step.equals(CONFIRM_ORDER)) {
            Ordering.askToConfirm(turn);
        } else if (step.lifecycle() == Lifecycle.GATHERING_INFO) {
            Identification.askAgain(turn);
        } else {
            turn.updateRequest(RequestChange.FINISHED, null);
            turn.say("Is there anything else I can help you with?");
        }
    }

    /** A prescriber approved a renewal while the conversation was free: the refill picks up at the gates. */
    @Override
    public boolean continueApproved(Turn turn, String medication) {
        turn.updateRequest(NAME, RequestChange.RENEWAL_APPROVED,
                RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                .setQuestion("refill " + medication).setRenewalApproved(true).build());
        turn.goTo(IDENTIFY_MEDICATION, Trigger.RENEWAL_APPROVED);
        Checks.check(turn, medication, List.of());
        return true;
    }
}
