package com.rxflow.processor.conversation.workflow.refill;

import static com.rxflow.processor.conversation.workflow.Steps.CHECK_AUTHORIZATION;
import static com.rxflow.processor.conversation.workflow.Steps.COMPLETE;
import static com.rxflow.processor.conversation.workflow.Steps.CONFIRM_DOSAGE;
import static com.rxflow.processor.conversation.workflow.Steps.IDENTIFY_MEDICATION;
import static com.rxflow.processor.conversation.workflow.Steps.PRESCRIBER_REVIEW;
import static com.rxflow.processor.conversation.workflow.Steps.PRIOR_AUTHORIZATION;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.conversation.SafetyAssessed;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyCheckQuery;
import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.PriorAuthQuery;
import com.rxflow.events.tools.PriorAuthRequirements;
import com.rxflow.processor.conversation.workflow.Batch;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.conversation.workflow.Wording;
import com.rxflow.processor.conversation.workflow.handoff.Cases;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.MedicationFact;

/**
 * The checks before a refill and the gates over their answers: prescription facts, allergies,
 * interactions (when enhanced checking is on) and coverage are asked for together, then {@link
 * RefillGates} decides the route. A pharmacist or prescriber route stops the refill with the reasons
 * said to the patient; a refill that passes asks the patient to confirm the dosage on record, after
 * which {@link Pharmacies} finds where to fill it.
 */
final class Checks {

    /** The purpose of this stage's tool calls, by which their answers come back to it. */
    static final String CHECK = "CHECK";
    static final String PRIOR_AUTH = "PRIOR_AUTH";

    private Checks() {
    }

    /** Asks the tools about {@code medication} together: history, allergies, interactions (switchable), coverage. */
    static void check(Turn turn, String medication, List<String> queued) {
        String batch = RefillRequest.batch(turn);
        RequestDetails request = turn.request();
        boolean approved = request.getRenewalApproved() || turn.snapshot().getApprovedRenewals().contains(medication);
        turn.updateRequest(RequestChange.MEDICATION_IDENTIFIED,
                RequestDetails.newBuilder(request).setMedication(medication)
                .setCandidates(List.of()).setUnresolvedTerm(null).setBatch(batch).setRenewalApproved(approved)
                .setQueuedMedications(RefillRequest.queue(request.getQueuedMedications(), queued)).build());
        turn.goTo(CHECK_AUTHORIZATION, Trigger.MEDICATION_IDENTIFIED);
        turn.invoke(ToolContracts.MEDICATION_HISTORY, MedicationHistoryQuery.newBuilder().setMedication(medication)
                .build(), CHECK, batch);
        // the allergy check always runs; the interaction check is the switchable "enhanced" checking
        turn.invoke(ToolContracts.ALLERGY_CHECK, new AllergyCheckQuery(medication), CHECK, batch);
        if (turn.features().interactionCheck()) {
            turn.invoke(ToolContracts.INTERACTION_CHECK, new InteractionQuery(medication), CHECK, batch);
        }
        turn.invoke(ToolContracts.COVERAGE, new CoverageQuery(medication), CHECK, batch);
    }

    /** Every check answered: the gates decide (a pharmacist, the prescriber, or on to the dosage). */
    static void checked(Turn turn, Batch batch) {
        Optional<MedicationHistory> history = batch.result(ToolContracts.MEDICATION_HISTORY);
        Optional<AllergyCheck> allergies = batch.result(ToolContracts.ALLERGY_CHECK);
        // decided by what was asked for, not by the feature now: a flag that changed while the checks ran
        // must neither skip an asked check's answer nor demand one that was never asked
        Optional<InteractionReport> interactions = batch.outcome(ToolContracts.INTERACTION_CHECK).isPresent()
                ? batch.result(ToolContracts.INTERACTION_CHECK)
                : Optional.of(InteractionReport.newBuilder().setMedication(turn.request().getMedication())
                        .setInteractions(List.of()).build());
        if (history.isEmpty() || allergies.isEmpty() || interactions.isEmpty()) {
            // never proceed without the safety checks
            RefillRequest.failed(turn, "check your prescription and its safety");
            return;
        }
        RequestDetails request = turn.request();
        String medication = request.getMedication();
        MedicationEntry entry = entryFor(history.get(), medication);
        CoverageReport coverage = batch.result(ToolContracts.COVERAGE).orElse(null);
        LocalDate today = LocalDate.ofInstant(turn.now(), turn.policy().zone());
        RefillGates.Assessment assessment = RefillGates.assess(new RefillGates.Facts(medication, entry,
                allergies.get(), interactions.get(), coverage, request.getRenewalApproved(), today,
                turn.policy().earlyRefillThreshold()));
        List<String> sources = batch.sources();
        turn.record(ConversationEventType.SAFETY_ASSESSED, e -> e.setSafetyAssessed(SafetyAssessed.newBuilder()
                .setMedication(medication).setRoute(assessment.route().name()).setReasonCodes(assessment.codes())
                .setPrimaryReason(assessment.primary() == null ? null : assessment.primary().name())
                .setSources(sources).build()));
        RequestDetails.Builder updated = RequestDetails.newBuilder(request).setSources(sources)
                .setNote(assessment.caution());
        if (entry != null) {
            updated.setStrength(entry.getStrength()).setForm(entry.getForm()).setDirections(entry.getDirections())
                    .setQuantity(request.getQuantity() != null ? request.getQuantity()
                            : entry.getQuantity() > 0 ? Integer.valueOf(entry.getQuantity()) : null)
                    .setDaysSupply(entry.getDaysSupply() > 0 ? Integer.valueOf(entry.getDaysSupply()) : null);
        }
        if (coverage != null && coverage.getCovered() && coverage.getCopay() != null) {
            updated.setCopay(Wording.decimal(coverage.getCopay()));
        }
        turn.updateRequest(RequestChange.ASSESSED, updated.build());
        String why = Wording.both(assessment.reasons());
        switch (assessment.route()) {
            case PHARMACIST -> {
                Handoff.toPharmacist(turn, new Message(turn.messageId(), request.getQuestion()),
                        handedOverOn(assessment.primary()), assessment.codes().subList(1, assessment.codes().size()),
                        assessment.priority(), COMPLETE, "I can't go ahead with your " + medication + " refill: " + why
                                + "." + Wording.sources(sources) + " I've asked a pharmacist to review it; they will "
                                + "answer you here. No order has been placed.");
            }
            case PRESCRIBER -> {
                if (assessment.primary() == RefillGates.Rule.PRIOR_AUTHORIZATION) {
                    turn.invoke(ToolContracts.PRIOR_AUTHORIZATION, new PriorAuthQuery(medication), PRIOR_AUTH,
                            request.getBatch());
                    return;
                }
                String prescriber = entry == null || entry.getPrescriber() == null ? "your prescriber"
                        : "your prescriber, " + entry.getPrescriber();
                Cases.open(turn, EscalationRoute.PRESCRIBER, assessment.priority(), assessment.codes(),
                        request.getQuestion(), medication, false, null);
                turn.say("I can't refill your " + describe(entry, medication) + " right now: " + why + "."
                        + Wording.sources(sources) + " I've sent a renewal request to " + prescriber
                        + ", and I'll let you know here when they answer. No order has been placed.");
                RefillRequest.finish(turn, PRESCRIBER_REVIEW, Trigger.PRESCRIBER_ROUTE);
            }
            default -> {
                turn.goTo(CONFIRM_DOSAGE, Trigger.GATES_PASSED);
                askDosage(turn);
            }
        }
    }

    /** The plan's prior-authorization requirements: the case goes to the prescriber, no order. */
    static void priorAuthorization(Turn turn, Batch batch) {
        RequestDetails request = turn.request();
        String details = batch.result(ToolContracts.PRIOR_AUTHORIZATION).map(Checks::requirements)
                .orElse("");
        List<String> sources = new ArrayList<>(request.getSources());
        sources.addAll(batch.sources());
        Cases.open(turn, EscalationRoute.PRESCRIBER, EscalationPriority.ROUTINE,
                List.of(RefillGates.Rule.PRIOR_AUTHORIZATION.name()), request.getQuestion(), request.getMedication(),
                false, null);
        turn.say("Your insurance plan requires prior authorization for " + request.getMedication() + "." + details
                + Wording.sources(sources) + " I've sent the request to your prescriber and will let you know here "
                + "when it is decided. No order has been placed.");
        RefillRequest.finish(turn, PRIOR_AUTHORIZATION, Trigger.PRIOR_AUTHORIZATION_REQUIRED);
    }

    /** The patient's answer to the dosage on record: yes finds pharmacies, no asks which medication. */
    static void dosageAnswered(Turn turn, Interpretation understood) {
        if (understood.isExplicitYes()) {
            Pharmacies.findPharmacies(turn, turn.request().getZip());
        } else if (understood.has(Intent.NO)) {
            String medication = turn.request().getMedication();
            turn.updateRequest(RequestChange.MEDICATION_REJECTED,
                    RequestDetails.newBuilder(turn.request()).setMedication(null)
                    .setStrength(null).setBatch(null).build());
            turn.goTo(IDENTIFY_MEDICATION, Trigger.MEDICATION_REJECTED);
            turn.say("OK, I won't refill " + medication + ". Which medication would you like to refill?",
                    RefillRequest.ownMedications(turn), List.of());
        } else if (understood.strength() != null) {
            turn.updateRequest(RequestChange.STRENGTH_STATED, RequestDetails.newBuilder(turn.request())
                    .setStatedStrength(understood.strength()).build());
            askDosage(turn);
        } else {
            askDosage(turn);
        }
    }

    /** A refill a gate hands to a pharmacist moves on the gate's own name. */
    private static Trigger handedOverOn(RefillGates.Rule rule) {
        return switch (rule) {
            case ALLERGY_CONFLICT -> Trigger.ALLERGY_CONFLICT;
            case SERIOUS_INTERACTION -> Trigger.SERIOUS_INTERACTION;
            case NOT_IN_HISTORY -> Trigger.NOT_IN_HISTORY;
            case EARLY_REFILL -> Trigger.EARLY_REFILL;
            default -> throw new IllegalArgumentException(rule + " does not route to a pharmacist");
        };
    }

    private static String requirements(PriorAuthRequirements pa) {
        StringBuilder text = new StringBuilder();
        if (!pa.getCriteria().isEmpty()) {
            text.append(" The plan approves it when one of these applies: ").append(String.join("; ", pa.getCriteria()))
                    .append('.');
        }
        if (pa.getTurnaround() != null) {
            text.append(" A decision usually takes ").append(pa.getTurnaround()).append('.');
        }
        return text.toString();
    }

    /** Asks the patient to confirm the medication, strength and quantity on record. */
    static void askDosage(Turn turn) {
        RequestDetails request = turn.request();
        turn.say(dosageQuestion(turn, request), RefillRequest.YES_NO, request.getSources());
    }

    private static String dosageQuestion(Turn turn, RequestDetails request) {
        StringBuilder text = new StringBuilder("I found your ").append(request.getMedication()).append(' ')
                .append(request.getStrength());
        if (request.getForm() != null) {
            text.append(' ').append(request.getForm()).append('s');
        }
        if (request.getQuantity() != null) {
            text.append(", ").append(request.getQuantity()).append(" per fill");
        }
        MedicationFact fact = ownFact(turn, request.getMedication());
        if (fact != null) {
            text.append(", ").append(fact.getRefillsRemaining()).append(" refills left");
        }
        text.append('.');
        if (request.getDirections() != null) {
            text.append(" Label directions: \"").append(request.getDirections()).append("\".");
        }
        if (request.getStatedStrength() != null && !request.getStatedStrength().equalsIgnoreCase(
                request.getStrength().replace(" ", ""))) {
            text.append(" Note: your record shows ").append(request.getStrength()).append(", not ")
                    .append(request.getStatedStrength()).append('.');
        }
        if (request.getNote() != null) {
            text.append(" Please note: ").append(request.getNote());
        }
        return text.append(Wording.sources(request.getSources())).append(" Is this the one you'd like to refill?")
                .toString();
    }

    /** The history's entry for {@code medication}, by name, generic name or brand. */
    static MedicationEntry entryFor(MedicationHistory history, String medication) {
        String wanted = medication.toLowerCase(Locale.ROOT);
        return history.getMedications().stream().filter(m -> m.getName().equalsIgnoreCase(wanted)
                || wanted.equalsIgnoreCase(String.valueOf(m.getGenericName()))
                || m.getBrandNames().stream().anyMatch(b -> b.equalsIgnoreCase(wanted))).findFirst().orElse(null);
    }

    private static String describe(MedicationEntry entry, String medication) {
        return entry == null ? medication : entry.getName() + " " + entry.getStrength();
    }

    private static MedicationFact ownFact(Turn turn, String medication) {
        return turn.profile() == null ? null : turn.profile().getMedications().stream()
                .filter(m -> m.getName().equals(medication)).findFirst().orElse(null);
    }
}
