package com.rxflow.processor.conversation.workflow;

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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.OrderConfirmed;
import com.rxflow.events.conversation.PharmacyOption;
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
import com.rxflow.events.tools.InventoryQuery;
import com.rxflow.events.tools.InventoryStatus;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.PharmacyList;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.events.tools.PriceComparison;
import com.rxflow.events.tools.PriceOffer;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.events.tools.PriorAuthQuery;
import com.rxflow.events.tools.PriorAuthRequirements;
import com.rxflow.processor.conversation.workflow.handoff.Cases;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.MedicationMention;
import com.rxflow.processor.understanding.PharmacyChoice;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.MedicationFact;

/**
 * The refill workflow of the reference implementation, made deterministic: identify the
 * medication (clarify when unsure), check it with the tools (prescription facts, allergies,
 * interactions, coverage) and let the {@link RefillGates} decide, confirm the dosage, find and
 * select a pharmacy (alternatives when it is out of stock), state every detail of the order and
 * place it only after an explicit yes. One question per reply. Several medications named in one
 * message are handled one after the other.
 */
final class RefillConversation implements ConversationType {

    static final String NAME = "refill";
    static final String IDENTIFY = "IDENTIFY";
    static final String CHECK = "CHECK";
    static final String PRIOR_AUTH = "PRIOR_AUTH";
    static final String FIND = "FIND";
    static final String STOCK = "STOCK";
    static final String ORDER = "ORDER";
    static final int MAX_OFFERED = 4;
    static final int MAX_QUEUED = 5;
    private static final List<String> YES_NO = List.of("Yes", "No");

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

    // ---- opening and answers

    @Override
    public void open(Turn turn, Message message, Interpretation understood) {
        turn.updateRequest(NAME, RequestChange.OPENED, RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                .setQuestion(message.text()).setStatedStrength(understood.strength())
                .setQuantity(understood.quantity()).setDaysSupply(understood.daysSupply()).setZip(understood.zip())
                .build());
        turn.goTo(IDENTIFY_MEDICATION, Trigger.REFILL_REQUESTED);
        identify(turn, understood);
    }

    /** A prescriber approved a renewal while the conversation was free: the refill picks up at the gates. */
    @Override
    public boolean continueApproved(Turn turn, String medication) {
        turn.updateRequest(NAME, RequestChange.RENEWAL_APPROVED, RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                .setQuestion("refill " + medication).setRenewalApproved(true).build());
        turn.goTo(IDENTIFY_MEDICATION, Trigger.RENEWAL_APPROVED);
        check(turn, medication, List.of());
        return true;
    }

    private void identify(Turn turn, Interpretation understood) {
        if (turn.profile() == null || turn.profile().getMedications().isEmpty()) {
            // the patient's own list is needed to understand "my blood pressure pill": ask for it first
            String batch = batch(turn);
            turn.updateRequest(RequestChange.AWAITING_HISTORY, turn.requestOr(Intent.REFILL.name()).setBatch(batch).build());
            turn.invoke(ToolContracts.MEDICATION_HISTORY, MedicationHistoryQuery.newBuilder().build(), IDENTIFY, batch);
            return;
        }
        List<MedicationMention> mentions = understood.medications();
        if (mentions.isEmpty()) {
            if (understood.unresolvedTerm() != null) {
                clarifyUnknown(turn, understood.unresolvedTerm());
            } else {
                turn.goTo(IDENTIFY_MEDICATION, Trigger.MEDICATION_UNKNOWN);
                turn.say("Which medication would you like to refill?", ownMedications(turn), List.of());
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
            check(turn, first.name(), rest);
        }
    }

    private void clarify(Turn turn, List<String> candidates, List<String> queued) {
        RequestDetails request = turn.request();
        int attempts = request.getClarifyAttempts() + 1;
        turn.updateRequest(RequestChange.CLARIFYING, RequestDetails.newBuilder(request).setCandidates(List.copyOf(candidates))
                .setClarifyAttempts(attempts).setQueuedMedications(queue(request.getQueuedMedications(), queued))
                .build());
        enterIdentification(turn, Trigger.MEDICATION_AMBIGUOUS);
        turn.goTo(CLARIFY_MEDICATION, Trigger.MEDICATION_AMBIGUOUS);
        if (candidates.size() == 1) {
            turn.say("Did you mean " + candidates.get(0) + "?", YES_NO, List.of());
        } else {
            turn.say("Do you mean " + Wording.either(candidates) + "?", candidates, List.of());
        }
    }

    private void clarifyUnknown(Turn turn, String term) {
        RequestDetails request = turn.request();
        if (request.getUnresolvedTerm() != null) {
            // asked once already: a name nobody recognises is for a pharmacist to verify
            turn.updateRequest(RequestChange.UNRECOGNIZED, RequestDetails.newBuilder(request).setMedication(term).build());
            Handoff.toPharmacist(turn, new Message(turn.messageId(), request.getQuestion()),
                    Trigger.NOT_IN_HISTORY, List.of("UNRECOGNIZED_MEDICATION"),
                    EscalationPriority.ROUTINE, COMPLETE, "I still can't find \"" + term + "\" among your "
                            + "medications. I've asked a pharmacist to verify your prescription history; they will "
                            + "answer you here.");
            return;
        }
        List<String> own = ownMedications(turn);
        turn.updateRequest(RequestChange.UNRECOGNIZED, RequestDetails.newBuilder(request).setUnresolvedTerm(term)
                .setCandidates(own).setClarifyAttempts(request.getClarifyAttempts() + 1).build());
        enterIdentification(turn, Trigger.MEDICATION_NOT_FOUND);
        turn.goTo(CLARIFY_MEDICATION, Trigger.MEDICATION_NOT_FOUND);
        turn.say("I couldn't find \"" + term + "\" among your medications (" + Wording.both(own)
                + "). Which one would you like to refill?", own, List.of());
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
            identify(turn, understood);
            return true;
        }
        if (step.equals(CLARIFY_MEDICATION)) {
            clarified(turn, understood);
            return true;
        }
        if (newMedication && !understood.medications().isEmpty()) {
            corrected(turn, understood);
            return true;
        }
        if (step.equals(CONFIRM_DOSAGE)) {
            dosageAnswered(turn, understood);
        } else if (step.equals(SELECT_PHARMACY)) {
            pharmacyAnswered(turn, understood);
        } else if (step.equals(CONFIRM_ORDER)) {
            orderAnswered(turn, message, understood);
        } else {
            return false;
        }
        return true;
    }

    private void clarified(Turn turn, Interpretation understood) {
        List<String> candidates = turn.request().getCandidates();
        if (!understood.medications().isEmpty()) {
            identify(turn, understood);
        } else if (candidates.size() == 1 && understood.isExplicitYes() && turn.request().getUnresolvedTerm() == null) {
            check(turn, candidates.get(0), List.of());
        } else if (understood.pharmacy() != null && "INDEX".equals(understood.pharmacy().kind())
                && understood.pharmacy().index() <= candidates.size()) {
            check(turn, candidates.get(understood.pharmacy().index() - 1), List.of());
        } else if (understood.has(Intent.NO)) {
            turn.updateRequest(RequestChange.CLARIFY_REJECTED, RequestDetails.newBuilder(turn.request()).setCandidates(List.of())
                    .build());
            turn.goTo(IDENTIFY_MEDICATION, Trigger.CANDIDATE_REJECTED);
            turn.say("Which medication would you like to refill?", ownMedications(turn), List.of());
        } else if (understood.unresolvedTerm() != null) {
            clarifyUnknown(turn, understood.unresolvedTerm());
        } else {
            resume(turn);
        }
    }

    /** "No, I meant metformin": the new medication replaces the old one and the checks run again. */
    private void corrected(Turn turn, Interpretation understood) {
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
            check(turn, mention.name(), List.of());
        }
    }

    private void dosageAnswered(Turn turn, Interpretation understood) {
        if (understood.isExplicitYes()) {
            findPharmacies(turn, turn.request().getZip());
        } else if (understood.has(Intent.NO)) {
            String medication = turn.request().getMedication();
            turn.updateRequest(RequestChange.MEDICATION_REJECTED, RequestDetails.newBuilder(turn.request()).setMedication(null)
                    .setStrength(null).setBatch(null).build());
            turn.goTo(IDENTIFY_MEDICATION, Trigger.MEDICATION_REJECTED);
            turn.say("OK, I won't refill " + medication + ". Which medication would you like to refill?",
                    ownMedications(turn), List.of());
        } else if (understood.strength() != null) {
            turn.updateRequest(RequestChange.STRENGTH_STATED, RequestDetails.newBuilder(turn.request())
                    .setStatedStrength(understood.strength()).build());
            resume(turn);
        } else {
            resume(turn);
        }
    }

    private void pharmacyAnswered(Turn turn, Interpretation understood) {
        Optional<PharmacyOption> chosen = choose(turn.request().getOfferedPharmacies(), understood.pharmacy());
        if (chosen.isPresent()) {
            checkStock(turn, chosen.get());
        } else if (understood.zip() != null) {
            findPharmacies(turn, understood.zip());
        } else {
            turn.say("Sorry, I didn't catch which pharmacy. " + pharmacyQuestion(), numbers(turn), List.of());
        }
    }

    private void orderAnswered(Turn turn, Message message, Interpretation understood) {
        Optional<PharmacyOption> other = understood.pharmacy() == null ? Optional.empty()
                : choose(turn.request().getOfferedPharmacies(), understood.pharmacy())
                        .filter(p -> !p.getPharmacyId().equals(turn.request().getPharmacyId()));
        if (other.isPresent()) {
            checkStock(turn, other.get());
        } else if (understood.isExplicitYes()) {
            place(turn, message);
        } else if (understood.has(Intent.NO)) {
            turn.goTo(SELECT_PHARMACY, Trigger.ORDER_DECLINED);
            turn.say("OK, I haven't placed the order. " + listing(turn.request().getOfferedPharmacies(), null)
                    + pharmacyQuestion(), numbers(turn), List.of());
        } else {
            turn.say("Please answer yes to place this order, or no to change it.", YES_NO, List.of());
        }
    }

    // ---- the checks and the gates

    private void check(Turn turn, String medication, List<String> queued) {
        String batch = batch(turn);
        RequestDetails request = turn.request();
        boolean approved = request.getRenewalApproved() || turn.snapshot().getApprovedRenewals().contains(medication);
        turn.updateRequest(RequestChange.MEDICATION_IDENTIFIED, RequestDetails.newBuilder(request).setMedication(medication)
                .setCandidates(List.of()).setUnresolvedTerm(null).setBatch(batch).setRenewalApproved(approved)
                .setQueuedMedications(queue(request.getQueuedMedications(), queued)).build());
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

    @Override
    public void onBatch(Turn turn, Batch batch) {
        switch (batch.purpose()) {
            case IDENTIFY -> {
                if (batch.anyFailed()) {
                    failed(turn, "look up your medications");
                } else {
                    identify(turn, turn.understand(turn.request().getQuestion()));
                }
            }
            case CHECK -> checked(turn, batch);
            case PRIOR_AUTH -> priorAuthorization(turn, batch);
            case FIND -> pharmaciesFound(turn, batch);
            case STOCK -> stockChecked(turn, batch);
            case ORDER -> placed(turn, batch);
            default -> { }
        }
    }

    private void checked(Turn turn, Batch batch) {
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
            failed(turn, "check your prescription and its safety");
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
                finish(turn, PRESCRIBER_REVIEW, Trigger.PRESCRIBER_ROUTE);
            }
            default -> {
                turn.goTo(CONFIRM_DOSAGE, Trigger.GATES_PASSED);
                resume(turn);
            }
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

    private void priorAuthorization(Turn turn, Batch batch) {
        RequestDetails request = turn.request();
        String details = batch.result(ToolContracts.PRIOR_AUTHORIZATION).map(RefillConversation::requirements)
                .orElse("");
        List<String> sources = new ArrayList<>(request.getSources());
        sources.addAll(batch.sources());
        Cases.open(turn, EscalationRoute.PRESCRIBER, EscalationPriority.ROUTINE,
                List.of(RefillGates.Rule.PRIOR_AUTHORIZATION.name()), request.getQuestion(), request.getMedication(),
                false, null);
        turn.say("Your insurance plan requires prior authorization for " + request.getMedication() + "." + details
                + Wording.sources(sources) + " I've sent the request to your prescriber and will let you know here "
                + "when it is decided. No order has been placed.");
        finish(turn, PRIOR_AUTHORIZATION, Trigger.PRIOR_AUTHORIZATION_REQUIRED);
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

    // ---- pharmacies, stock and the order

    private void findPharmacies(Turn turn, String zip) {
        RequestDetails request = turn.request();
        String batch = batch(turn);
        turn.updateRequest(RequestChange.FINDING_PHARMACIES, RequestDetails.newBuilder(request).setZip(zip).setBatch(batch).build());
        turn.goTo(FIND_PHARMACIES, Trigger.DOSAGE_CONFIRMED);
        int quantity = request.getQuantity() == null ? 0 : request.getQuantity();
        turn.invoke(ToolContracts.FIND_PHARMACIES, PharmacySearch.newBuilder().setZip(zip)
                .setMedication(request.getMedication()).setStrength(request.getStrength()).setQuantity(quantity)
                .build(), FIND, batch);
        if (turn.features().priceComparison()) {
            turn.invoke(ToolContracts.COMPARE_PRICES, PriceQuery.newBuilder().setMedication(request.getMedication())
                    .setStrength(request.getStrength()).setQuantity(quantity).build(), FIND, batch);
        }
    }

    private void pharmaciesFound(Turn turn, Batch batch) {
        Optional<PharmacyList> pharmacies = batch.result(ToolContracts.FIND_PHARMACIES);
        if (pharmacies.isEmpty()) {
            failed(turn, "find pharmacies near you");
            return;
        }
        List<PriceOffer> offers = batch.result(ToolContracts.COMPARE_PRICES).map(PriceComparison::getOffers)
                .orElse(List.of());
        // as with the checks: what was asked for decides, so a flag change mid-request cannot mix the two
        boolean compared = batch.outcome(ToolContracts.COMPARE_PRICES).isPresent();
        List<PharmacyOption> options = compared ? offered(pharmacies.get().getPharmacies(), offers)
                : nearestInStock(pharmacies.get().getPharmacies());
        RequestDetails request = turn.request();
        List<String> sources = batch.sources();
        turn.updateRequest(RequestChange.PHARMACIES_OFFERED, RequestDetails.newBuilder(request).setOfferedPharmacies(options)
                .setSources(sources).build());
        if (options.isEmpty()) {
            Handoff.toPharmacist(turn, new Message(turn.messageId(), request.getQuestion()), Trigger.OUT_OF_STOCK, List.of(),
                    EscalationPriority.ROUTINE, COMPLETE, "I couldn't find a pharmacy near you with "
                            + request.getMedication() + " in stock." + Wording.sources(sources) + " I've asked a "
                            + "pharmacist to help; they will answer you here.");
            return;
        }
        turn.goTo(SELECT_PHARMACY, Trigger.PHARMACIES_FOUND);
        turn.say("Here are pharmacies near you with " + request.getMedication() + " " + request.getStrength()
                + ":\n" + listing(options, sources) + pharmacyQuestion(), numbers(turn), sources);
    }

    /**
     * The pharmacies to offer: the nearest ones in stock, and always the cheapest in stock, so
     * "the cheapest" means what the patient expects even when it is not among the nearest.
     */
    static List<PharmacyOption> offered(List<PharmacySummary> nearestFirst, List<PriceOffer> offers) {
        List<PharmacyOption> inStock = nearestFirst.stream().filter(p -> !Boolean.FALSE.equals(p.getInStock()))
                .map(p -> option(p, offers)).toList();
        List<PharmacyOption> options = new ArrayList<>(inStock.stream().limit(MAX_OFFERED).toList());
        inStock.stream().filter(o -> o.getPrice() != null)
                .min(java.util.Comparator.comparing(o -> new java.math.BigDecimal(o.getPrice())))
                .filter(cheapest -> !options.contains(cheapest))
                .ifPresent(cheapest -> options.set(options.size() - 1, cheapest));
        return options;
    }

    /** Without a price comparison: only the nearest pharmacy that has the medication. */
    static List<PharmacyOption> nearestInStock(List<PharmacySummary> nearestFirst) {
        return nearestFirst.stream().filter(p -> !Boolean.FALSE.equals(p.getInStock())).limit(1)
                .map(p -> option(p, List.of())).toList();
    }

    private static PharmacyOption option(PharmacySummary pharmacy, List<PriceOffer> offers) {
        PriceOffer offer = offers.stream().filter(o -> o.getPharmacyId().equals(pharmacy.getPharmacyId())).findFirst()
                .orElse(null);
        return PharmacyOption.newBuilder().setPharmacyId(pharmacy.getPharmacyId()).setName(pharmacy.getName())
                .setAddress(pharmacy.getAddress()).setDistanceMiles(pharmacy.getDistanceMiles())
                .setPrice(offer == null ? null : Wording.decimal(offer.getFinalPrice()))
                .setInStock(pharmacy.getInStock()).setWaitHours(pharmacy.getWaitHours()).build();
    }

    private void checkStock(Turn turn, PharmacyOption chosen) {
        RequestDetails request = turn.request();
        String batch = batch(turn);
        turn.updateRequest(RequestChange.PHARMACY_SELECTED, RequestDetails.newBuilder(request).setPharmacyId(chosen.getPharmacyId())
                .setPharmacyName(chosen.getName()).setPharmacyAddress(chosen.getAddress()).setPrice(chosen.getPrice())
                .setBatch(batch).build());
        turn.goTo(CHECK_INVENTORY, Trigger.PHARMACY_SELECTED);
        turn.invoke(ToolContracts.CHECK_INVENTORY, InventoryQuery.newBuilder().setPharmacyId(chosen.getPharmacyId())
                .setMedication(request.getMedication()).setStrength(request.getStrength())
                .setQuantity(request.getQuantity() == null ? 0 : request.getQuantity()).build(), STOCK, batch);
    }

    private void stockChecked(Turn turn, Batch batch) {
        Optional<InventoryStatus> status = batch.result(ToolContracts.CHECK_INVENTORY);
        if (status.isEmpty()) {
            failed(turn, "check the pharmacy's stock");
            return;
        }
        RequestDetails request = turn.request();
        List<String> sources = batch.sources();
        if (!status.get().getInStock()) {
            List<PharmacyOption> alternatives = status.get().getAlternatives().stream()
                    .filter(p -> !p.getPharmacyId().equals(request.getPharmacyId()))
                    .map(p -> withKnownPrice(p, request.getOfferedPharmacies())).limit(MAX_OFFERED).toList();
            String pharmacy = request.getPharmacyName();
            turn.updateRequest(RequestChange.OUT_OF_STOCK, RequestDetails.newBuilder(request).setOfferedPharmacies(alternatives)
                    .setPharmacyId(null).setPharmacyName(null).setPharmacyAddress(null).setPrice(null).build());
            if (alternatives.isEmpty()) {
                Handoff.toPharmacist(turn, new Message(turn.messageId(), request.getQuestion()),
                        Trigger.OUT_OF_STOCK, List.of(), EscalationPriority.ROUTINE, COMPLETE, pharmacy + " is out of "
                                + request.getMedication() + " and no pharmacy nearby has it." + Wording.sources(sources)
                                + " I've asked a pharmacist to help; they will answer you here.");
                return;
            }
            turn.goTo(SELECT_PHARMACY, Trigger.OUT_OF_STOCK);
            turn.say(pharmacy + " is out of " + request.getMedication() + " " + request.getStrength()
                    + " right now. These pharmacies nearby have it:\n" + listing(alternatives, sources)
                    + pharmacyQuestion(), numbers(turn), sources);
            return;
        }
        PharmacySummary pharmacy = status.get().getPharmacy();
        double waitHours = pharmacy.getWaitHours() != null ? pharmacy.getWaitHours() : 1.0;
        Instant pickup = turn.now().plus(Duration.ofMinutes(Math.round(waitHours * 60)));
        List<String> all = new ArrayList<>(request.getSources());
        all.addAll(sources);
        turn.updateRequest(RequestChange.IN_STOCK, RequestDetails.newBuilder(request).setPharmacyAddress(pharmacy.getAddress())
                .setPickupAt(pickup).setSources(all.stream().distinct().toList()).build());
        turn.goTo(CONFIRM_ORDER, Trigger.IN_STOCK);
        resume(turn);
    }

    private static PharmacyOption withKnownPrice(PharmacySummary pharmacy, List<PharmacyOption> known) {
        PharmacyOption option = option(pharmacy, List.of());
        known.stream().filter(k -> k.getPharmacyId().equals(pharmacy.getPharmacyId())).findFirst()
                .ifPresent(k -> option.setPrice(k.getPrice()));
        return option;
    }

    private void place(Turn turn, Message message) {
        RequestDetails request = turn.request();
        int quantity = request.getQuantity() == null ? 30 : request.getQuantity();
        turn.record(ConversationEventType.ORDER_CONFIRMED, e -> e.setOrderConfirmed(OrderConfirmed.newBuilder()
                .setMessageId(message.messageId()).setMedication(request.getMedication())
                .setStrength(request.getStrength()).setQuantity(quantity).setPharmacyId(request.getPharmacyId())
                .setPharmacyName(request.getPharmacyName()).setPrice(request.getPrice()).setCopay(request.getCopay())
                .build()));
        String batch = batch(turn);
        turn.updateRequest(RequestChange.ORDER_CONFIRMED, RequestDetails.newBuilder(request).setBatch(batch).build());
        turn.goTo(PLACE_ORDER, Trigger.ORDER_CONFIRMED);
        turn.invoke(ToolContracts.PLACE_ORDER, PlaceOrder.newBuilder().setMedication(request.getMedication())
                .setStrength(request.getStrength()).setQuantity(quantity).setPharmacyId(request.getPharmacyId())
                .setConfirmationMessageId(message.messageId()).build(), ORDER, batch);
    }

    private void placed(Turn turn, Batch batch) {
        Optional<OrderPlaced> placed = batch.result(ToolContracts.PLACE_ORDER);
        if (placed.isEmpty()) {
            failed(turn, "place your order (nothing was ordered)");
            return;
        }
        OrderPlaced order = placed.get();
        RequestDetails request = turn.request();
        Instant pickup = order.getOrder().getPickupAt() != null ? order.getOrder().getPickupAt() : request.getPickupAt();
        String cost = order.getCopay() != null ? "Your copay of " + Wording.money(order.getCopay()) + " is due at pickup."
                : order.getPrice() != null ? Wording.money(order.getPrice()) + " is due at pickup." : "";
        turn.updateRequest(RequestChange.ORDER_PLACED, RequestDetails.newBuilder(request).setOrderId(order.getOrder().getOrderId())
                .build());
        turn.say("Your order " + order.getOrder().getOrderId() + " is placed: " + request.getMedication() + " "
                + request.getStrength() + ", quantity " + order.getOrder().getQuantity() + ", at "
                + order.getPharmacy().getName() + ", " + order.getPharmacy().getAddress() + ". It will be ready for "
                + "pickup from " + Wording.time(pickup, turn.policy().zone()) + ". " + cost
                + " Please bring a photo ID." + Wording.sources(batch.sources()), List.of(), batch.sources());
        finish(turn, COMPLETE, Trigger.ORDER_PLACED);
    }

    /** A request ends; a medication queued from the same message is taken up next. */
    private void finish(Turn turn, Step end, Trigger trigger) {
        List<String> queued = turn.request().getQueuedMedications();
        turn.updateRequest(RequestChange.FINISHED, null);
        turn.goTo(end, trigger);
        if (!queued.isEmpty()) {
            turn.updateRequest(NAME, RequestChange.NEXT_MEDICATION, RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                    .setQuestion("refill " + queued.get(0))
                    .setQueuedMedications(List.copyOf(queued.subList(1, queued.size()))).build());
            turn.goTo(IDENTIFY_MEDICATION, Trigger.NEXT_MEDICATION);
            check(turn, queued.get(0), List.of());
        }
    }

    private void failed(Turn turn, String what) {
        turn.updateRequest(RequestChange.FAILED, RequestDetails.newBuilder(turn.request()).setBatch(null).build());
        turn.goTo(ERROR, Trigger.TOOL_FAILED);
        turn.say("Sorry, I couldn't " + what + " just now. Would you like me to try again, or start over?",
                List.of("Try again", "Start over"), List.of());
    }

    // ---- questions

    @Override
    public void resume(Turn turn) {
        RequestDetails request = turn.request();
        Step step = turn.step();
        if (step.equals(CONFIRM_DOSAGE)) {
            turn.say(dosageQuestion(turn, request), YES_NO, request.getSources());
        } else if (step.equals(SELECT_PHARMACY)) {
            turn.say(listing(request.getOfferedPharmacies(), null) + pharmacyQuestion(), numbers(turn), List.of());
        } else if (step.equals(CONFIRM_ORDER)) {
            turn.say(orderQuestion(turn, request), YES_NO, request.getSources());
        } else if (step.equals(CLARIFY_MEDICATION) && !request.getCandidates().isEmpty()) {
            turn.say("Do you mean " + Wording.either(request.getCandidates()) + "?", request.getCandidates(), List.of());
        } else if (step.lifecycle() == Lifecycle.GATHERING_INFO) {
            turn.say("Which medication would you like to refill?", ownMedications(turn), List.of());
        } else {
            turn.updateRequest(RequestChange.FINISHED, null);
            turn.say("Is there anything else I can help you with?");
        }
    }

    private String dosageQuestion(Turn turn, RequestDetails request) {
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

    private String orderQuestion(Turn turn, RequestDetails request) {
        StringBuilder text = new StringBuilder("Please confirm your order: ").append(request.getMedication()).append(' ')
                .append(request.getStrength()).append(", quantity ")
                .append(request.getQuantity() == null ? 30 : request.getQuantity()).append(", at ")
                .append(request.getPharmacyName()).append(", ").append(request.getPharmacyAddress()).append(". ");
        if (request.getCopay() != null) {
            text.append("Your copay: ").append(Wording.money(request.getCopay()));
            if (request.getPrice() != null) {
                text.append(" (cash price ").append(Wording.money(request.getPrice())).append(')');
            }
            text.append(". ");
        } else if (request.getPrice() != null) {
            text.append("Price: ").append(Wording.money(request.getPrice())).append(". ");
        }
        if (request.getPickupAt() != null) {
            text.append("Estimated pickup: ").append(Wording.time(request.getPickupAt(), turn.policy().zone()))
                    .append(". ");
        }
        if (request.getNote() != null) {
            text.append("Please note: ").append(request.getNote()).append(' ');
        }
        return text.append("Shall I place this order?").toString();
    }

    private static String pharmacyQuestion() {
        return "Which pharmacy would you like? You can say its number, its name, \"the closest\" or \"the cheapest\".";
    }

    private static String listing(List<PharmacyOption> options, List<String> sources) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            PharmacyOption option = options.get(i);
            text.append(i + 1).append(". ").append(option.getName()).append(", ").append(option.getAddress());
            if (option.getDistanceMiles() != null) {
                text.append(String.format(Locale.ROOT, ", %.1f mi", option.getDistanceMiles()));
            }
            if (option.getPrice() != null) {
                text.append(", ").append(Wording.money(option.getPrice()));
            }
            text.append('\n');
        }
        if (sources != null && !sources.isEmpty()) {
            text.append(Wording.sources(sources).strip()).append('\n');
        }
        return text.toString();
    }

    private static List<String> numbers(Turn turn) {
        List<String> numbers = new ArrayList<>();
        for (int i = 1; i <= turn.request().getOfferedPharmacies().size(); i++) {
            numbers.add(String.valueOf(i));
        }
        return numbers;
    }

    static Optional<PharmacyOption> choose(List<PharmacyOption> offered, PharmacyChoice choice) {
        if (choice == null || offered.isEmpty()) {
            return Optional.empty();
        }
        switch (choice.kind()) {
            case "INDEX":
                return choice.index() >= 1 && choice.index() <= offered.size()
                        ? Optional.of(offered.get(choice.index() - 1)) : Optional.empty();
            case "CLOSEST":
                return offered.stream().min(Comparator.comparing(p -> p.getDistanceMiles() == null ? Double.MAX_VALUE
                        : p.getDistanceMiles()));
            case "CHEAPEST":
                return offered.stream().min(Comparator.comparing(p -> p.getPrice() == null
                        ? new BigDecimal(Long.MAX_VALUE) : new BigDecimal(p.getPrice())));
            default:
                String name = choice.name().replace("-", "").replace(" ", "");
                return offered.stream().filter(p -> p.getName().toLowerCase(Locale.ROOT).replace("-", "")
                        .replace(" ", "").contains(name) || p.getPharmacyId().toLowerCase(Locale.ROOT).startsWith(name))
                        .findFirst();
        }
    }

    // ---- helpers

    /** A question about which medication, asked after the checks began, starts the identification again. */
    private static void enterIdentification(Turn turn, Trigger trigger) {
        if (turn.step().lifecycle() != Lifecycle.GATHERING_INFO) {
            turn.goTo(IDENTIFY_MEDICATION, trigger);
        }
    }

    private static String batch(Turn turn) {
        return turn.nextMetadata().getEventId();
    }

    private static List<String> queue(List<String> queued, List<String> more) {
        List<String> all = new ArrayList<>(queued);
        more.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return all.size() <= MAX_QUEUED ? all : List.copyOf(all.subList(0, MAX_QUEUED));
    }

    private static List<String> ownMedications(Turn turn) {
        return turn.profile() == null ? List.of()
                : turn.profile().getMedications().stream().map(MedicationFact::getName).toList();
    }

    private static MedicationFact ownFact(Turn turn, String medication) {
        return turn.profile() == null ? null : turn.profile().getMedications().stream()
                .filter(m -> m.getName().equals(medication)).findFirst().orElse(null);
    }

    static MedicationEntry entryFor(MedicationHistory history, String medication) {
        String wanted = medication.toLowerCase(Locale.ROOT);
        return history.getMedications().stream().filter(m -> m.getName().equalsIgnoreCase(wanted)
                || wanted.equalsIgnoreCase(String.valueOf(m.getGenericName()))
                || m.getBrandNames().stream().anyMatch(b -> b.equalsIgnoreCase(wanted))).findFirst().orElse(null);
    }

    private static String describe(MedicationEntry entry, String medication) {
        return entry == null ? medication : entry.getName() + " " + entry.getStrength();
    }
}
