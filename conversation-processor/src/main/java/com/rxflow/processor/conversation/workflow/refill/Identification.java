package com.rxflow.processor.conversation.workflow.refill;

import static com.rxflow.processor.conversation.workflow.Steps.CLARIFY_MEDICATION;
import static com.rxflow.processor.conversation.workflow.Steps.COMPLETE;
import static com.rxflow.processor.conversation.workflow.Steps.IDENTIFY_MEDICATION;

import java.util.ArrayList;
import java.util.List;

import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.processor.conversation.workflow.Lifecycle;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.conversation.workflow.Wording;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.MedicationMention;
import com.rxflow.schemas.tool.ToolContracts;

/**
 * Which medication the refill is for. The patient's words are matched against their own list (a
 * name, a brand, a condition, a misspelling); when two are close the patient is asked which, a name
 * nobody recognises is asked about once and then handed to a pharmacist, and "no, I meant
 * metformin" replaces the medication and runs the checks again. Once the medication is known, the
 * {@link Checks} take over; further medications named in the same message wait in the queue.
 */
final class Identification {

    /** The purpose of this stage's tool calls, by which their answers come back to it. */
    static final String IDENTIFY = "IDENTIFY";

    private Identification() {
    }

    /** Finds the medication in the patient's words; asks for their list first when it is not known yet. */
    static void identify(Turn turn, Interpretation understood) {
        if (turn.profile() == null || turn.profile().getMedications().isEmpty()) {
            // the patient's own list is needed to understand "my blood pressure pill": ask for it first
            String batch = RefillRequest.batch(turn);
            RequestDetails.Builder request = turn.request() == null
                    ? RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                    : RequestDetails.newBuilder(turn.request());
            turn.updateRequest(RequestChange.AWAITING_HISTORY, request.setBatch(batch).build());
            turn.invoke(ToolContracts.MEDICATION_HISTORY, MedicationHistoryQuery.newBuilder().build(), IDENTIFY, batch);
            return;
        }
        List<MedicationMention> mentions = understood.medications();
        if (mentions.isEmpty()) {
            if (understood.unresolvedTerm() != null) {
                clarifyUnknown(turn, understood.unresolvedTerm());
            } else {
                turn.goTo(IDENTIFY_MEDICATION, Trigger.MEDICATION_UNKNOWN);
                turn.say("Which medication would you like to refill?", RefillRequest.ownMedications(turn), List.of());
            }
            return;
        }
        MedicationMention first = mentions.get(0);
        List<String> rest = new ArrayList<>();
        for (MedicationMention more : mentions.subList(1, mentions.size())) {
            if (more.name() != null && !more.name().equals(first.name())) {
                rest.add(more.name());
            }
        }
        if (first.name() == null) {
            clarify(turn, first.candidates(), rest);
        } else {
            Checks.check(turn, first.name(), rest);
        }
    }

    /** The patient's answer to "which medication?": a name, a yes to the one candidate, a number, or no. */
    static void clarified(Turn turn, Interpretation understood) {
        List<String> candidates = turn.request().getCandidates();
        if (!understood.medications().isEmpty()) {
            identify(turn, understood);
        } else if (candidates.size() == 1 && understood.isExplicitYes() && turn.request().getUnresolvedTerm() == null) {
            Checks.check(turn, candidates.get(0), List.of());
        } else if (understood.pharmacy() != null && "INDEX".equals(understood.pharmacy().kind())
                && understood.pharmacy().index() <= candidates.size()) {
            Checks.check(turn, candidates.get(understood.pharmacy().index() - 1), List.of());
        } else if (understood.has(Intent.NO)) {
            turn.updateRequest(RequestChange.CLARIFY_REJECTED,
                    RequestDetails.newBuilder(turn.request()).setCandidates(List.of())
                    .build());
            turn.goTo(IDENTIFY_MEDICATION, Trigger.CANDIDATE_REJECTED);
            turn.say("Which medication would you like to refill?", RefillRequest.ownMedications(turn), List.of());
        } else if (understood.unresolvedTerm() != null) {
            clarifyUnknown(turn, understood.unresolvedTerm());
        } else {
            askAgain(turn);
        }
    }

    /** "No, I meant metformin": the new medication replaces the old one and the checks run again. */
    static void corrected(Turn turn, Interpretation understood) {
        MedicationMention mention = understood.firstMedication();
        // everything learnt about the old medication goes; only what the patient said now stays
        RequestDetails cleared = RequestDetails.newBuilder(turn.request()).setMedication(null).setStrength(null)
                .setQuantity(understood.quantity()).setDaysSupply(understood.daysSupply()).setForm(null)
                .setDirections(null).setNote(null).setCopay(null).setSources(List.of())
                .setOfferedPharmacies(List.of()).setPharmacyId(null).setPharmacyName(null).setPharmacyAddress(null)
                .setPrice(null).setPickupAt(null).setStatedStrength(understood.strength()).build();
        turn.updateRequest(RequestChange.CORRECTED, cleared);
        if (mention.name() == null) {
            clarify(turn, mention.candidates(), List.of());
        } else {
            Checks.check(turn, mention.name(), List.of());
        }
    }

    /** Two or more close candidates: the patient is asked which one (one question). */
    private static void clarify(Turn turn, List<String> candidates, List<String> queued) {
        RequestDetails request = turn.request();
        int attempts = request.getClarifyAttempts() + 1;
        turn.updateRequest(RequestChange.CLARIFYING,
                RequestDetails.newBuilder(request).setCandidates(List.copyOf(candidates))
                        .setClarifyAttempts(attempts)
                        .setQueuedMedications(RefillRequest.queue(request.getQueuedMedications(), queued)).build());
        enterIdentification(turn, Trigger.MEDICATION_AMBIGUOUS);
        turn.goTo(CLARIFY_MEDICATION, Trigger.MEDICATION_AMBIGUOUS);
        if (candidates.size() == 1) {
            turn.say("Did you mean " + candidates.get(0) + "?", RefillRequest.YES_NO, List.of());
        } else {
            turn.say("Do you mean " + Wording.either(candidates) + "?", candidates, List.of());
        }
    }

    /** A name nobody recognises: asked about once, then handed to a pharmacist to verify. */
    private static void clarifyUnknown(Turn turn, String term) {
        RequestDetails request = turn.request();
        if (request.getUnresolvedTerm() != null) {
            // asked once already: a name nobody recognises is for a pharmacist to verify
            turn.updateRequest(RequestChange.UNRECOGNIZED,
                    RequestDetails.newBuilder(request).setMedication(term).build());
            Handoff.toPharmacist(turn, new Message(turn.messageId(), request.getQuestion()),
                    Trigger.NOT_IN_HISTORY, List.of("UNRECOGNIZED_MEDICATION"),
                    EscalationPriority.ROUTINE, COMPLETE, "I still can't find \"" + term + "\" among your "
                            + "medications. I've asked a pharmacist to verify your prescription history; they will "
                            + "answer you here.");
            return;
        }
        List<String> own = RefillRequest.ownMedications(turn);
        turn.updateRequest(RequestChange.UNRECOGNIZED, RequestDetails.newBuilder(request).setUnresolvedTerm(term)
                .setCandidates(own).setClarifyAttempts(request.getClarifyAttempts() + 1).build());
        enterIdentification(turn, Trigger.MEDICATION_NOT_FOUND);
        turn.goTo(CLARIFY_MEDICATION, Trigger.MEDICATION_NOT_FOUND);
        turn.say("I couldn't find \"" + term + "\" among your medications (" + Wording.both(own)
                + "). Which one would you like to refill?", own, List.of());
    }

    /** A question about which medication, asked after the checks began, starts the identification again. */
    private static void enterIdentification(Turn turn, Trigger trigger) {
        if (turn.step().lifecycle() != Lifecycle.GATHERING_INFO) {
            turn.goTo(IDENTIFY_MEDICATION, trigger);
        }
    }

    /** Asks again which medication: among the candidates offered, or from the patient's own list. */
    static void askAgain(Turn turn) {
        RequestDetails request = turn.request();
        if (turn.step().equals(CLARIFY_MEDICATION) && !request.getCandidates().isEmpty()) {
            turn.say("Do you mean " + Wording.either(request.getCandidates()) + "?", request.getCandidates(), List.of());
        } else {
            turn.say("Which medication would you like to refill?", RefillRequest.ownMedications(turn), List.of());
        }
    }
}
