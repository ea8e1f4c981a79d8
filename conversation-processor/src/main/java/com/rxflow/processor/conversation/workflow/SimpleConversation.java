package com.rxflow.processor.conversation.workflow;

import static com.rxflow.processor.conversation.workflow.Steps.ANSWERING;
import static com.rxflow.processor.conversation.workflow.Steps.CONFIRM_CANCELLATION;
import static com.rxflow.processor.conversation.workflow.Steps.UNDERSTAND_REQUEST;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.tools.AdherenceQuery;
import com.rxflow.events.tools.AdherenceReport;
import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyCheckQuery;
import com.rxflow.events.tools.CancelOrder;
import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.DrugCandidate;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.events.tools.OrderStatusQuery;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.events.tools.PriceComparison;
import com.rxflow.events.tools.PriceOffer;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.MedicationMention;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.MedicationFact;

/**
 * Questions the assistant answers from the tools: my medications, what a drug is for, adherence,
 * allergies, nearby pharmacies, prices, coverage, order status, and cancelling an order (after a
 * confirmation). Every answer names its source; dosing is never advised beyond the label.
 */
final class SimpleConversation implements ConversationType {

    static final String ANSWER = "ANSWER";
    static final String CANCEL = "CANCEL";
    private static final Set<Intent> NEED_MEDICATION = Set.of(Intent.DRUG_INFO, Intent.ADHERENCE, Intent.PRICE,
            Intent.COVERAGE);

    @Override
    public String name() {
        return ConversationTypes.SIMPLE;
    }

    @Override
    public Set<Intent> intents() {
        return Set.of(Intent.LIST_MEDICATIONS, Intent.DRUG_INFO, Intent.ADHERENCE, Intent.ALLERGY_QUESTION,
                Intent.FIND_PHARMACY, Intent.PRICE, Intent.COVERAGE, Intent.ORDER_STATUS, Intent.CANCEL_ORDER);
    }

    @Override
    public List<Step> steps() {
        return List.of(CONFIRM_CANCELLATION);
    }

    @Override
    public List<Transition> transitions() {
        return List.of(
                new Transition(ANSWERING, CONFIRM_CANCELLATION, "order found"),
                new Transition(CONFIRM_CANCELLATION, ANSWERING, "yes: cancel it"));
    }

    @Override
    public void open(Turn turn, Message message, Interpretation understood) {
        MedicationMention mention = understood.firstMedication();
        turn.updateRequest(name(), RequestChange.OPENED, RequestDetails.newBuilder().setIntent(understood.intent().name())
                .setQuestion(message.text()).setMedication(mention == null ? null : mention.name())
                .setZip(understood.zip()).build());
        turn.goTo(UNDERSTAND_REQUEST, Trigger.requested(understood.intent()));
        proceed(turn);
    }

    private void proceed(Turn turn) {
        RequestDetails request = turn.request();
        Intent intent = Intent.valueOf(request.getIntent());
        String medication = request.getMedication();
        if (NEED_MEDICATION.contains(intent) && medication == null) {
            turn.say("Which medication do you mean?", own(turn), List.of());
            return;
        }
        String batch = turn.nextMetadata().getEventId();
        turn.updateRequest(RequestChange.ASKING_TOOLS, RequestDetails.newBuilder(request).setBatch(batch).build());
        turn.goTo(ANSWERING, Trigger.TOOLS_ASKED);
        switch (intent) {
            case LIST_MEDICATIONS -> turn.invoke(ToolContracts.MEDICATION_HISTORY,
                    MedicationHistoryQuery.newBuilder().build(), ANSWER, batch);
            case DRUG_INFO -> turn.invoke(ToolContracts.DRUG_LOOKUP, new DrugLookupQuery(medication), ANSWER, batch);
            case ADHERENCE -> turn.invoke(ToolContracts.ADHERENCE, new AdherenceQuery(medication), ANSWER, batch);
            case ALLERGY_QUESTION -> {
                if (medication == null) {
                    turn.invoke(ToolContracts.MEDICATION_HISTORY, MedicationHistoryQuery.newBuilder().build(), ANSWER,
                            batch);
                } else {
                    turn.invoke(ToolContracts.ALLERGY_CHECK, new AllergyCheckQuery(medication), ANSWER, batch);
                }
            }
            case FIND_PHARMACY -> turn.invoke(ToolContracts.FIND_PHARMACIES, PharmacySearch.newBuilder()
                    .setZip(request.getZip()).setMedication(medication).build(), ANSWER, batch);
            case PRICE -> turn.invoke(ToolContracts.COMPARE_PRICES, PriceQuery.newBuilder().setMedication(medication)
                    .build(), ANSWER, batch);
            case COVERAGE -> turn.invoke(ToolContracts.COVERAGE, new CoverageQuery(medication), ANSWER, batch);
            default -> turn.invoke(ToolContracts.ORDER_STATUS, OrderStatusQuery.newBuilder().build(), ANSWER, batch);
        }
    }

    @Override
    public boolean answer(Turn turn, Message message, Interpretation understood) {
        if (turn.step().equals(CONFIRM_CANCELLATION)) {
            if (understood.isExplicitYes()) {
                String batch = turn.nextMetadata().getEventId();
                turn.updateRequest(RequestChange.CANCEL_CONFIRMED, RequestDetails.newBuilder(turn.request()).setBatch(batch).build());
                turn.goTo(ANSWERING, Trigger.CANCELLATION_CONFIRMED);
                turn.invoke(ToolContracts.CANCEL_ORDER, new CancelOrder(turn.request().getOrderId()), CANCEL, batch);
            } else if (understood.has(Intent.NO)) {
                turn.updateRequest(RequestChange.FINISHED, null);
                turn.goTo(Steps.COMPLETE, Trigger.CANCELLATION_DECLINED);
                turn.say("OK, your order stays as it is. Is there anything else I can help you with?");
            } else {
                resume(turn);
            }
            return true;
        }
        MedicationMention mention = understood.firstMedication();
        if (mention != null && mention.name() != null && turn.request().getMedication() == null) {
            turn.updateRequest(RequestChange.MEDICATION_GIVEN, RequestDetails.newBuilder(turn.request())
                    .setMedication(mention.name()).build());
            proceed(turn);
            return true;
        }
        return false;
    }

    @Override
    public void onBatch(Turn turn, Batch batch) {
        RequestDetails request = turn.request();
        Intent intent = Intent.valueOf(request.getIntent());
        if (batch.anyFailed()) {
            turn.updateRequest(RequestChange.FAILED, RequestDetails.newBuilder(request).setBatch(null).build());
            turn.goTo(Steps.ERROR, Trigger.TOOL_FAILED);
            turn.say("Sorry, I couldn't look that up just now. Would you like me to try again?",
                    List.of("Try again", "Start over"), List.of());
            return;
        }
        List<String> sources = batch.sources();
        if (CANCEL.equals(batch.purpose())) {
            OrderSummary order = batch.result(ToolContracts.CANCEL_ORDER).orElseThrow().getOrder();
            done(turn, "Order " + order.getOrderId() + " (" + order.getMedication() + " at " + order.getPharmacyName()
                    + ") is cancelled. Nothing will be charged.", sources);
            return;
        }
        if (intent == Intent.CANCEL_ORDER) {
            Optional<OrderSummary> order = batch.result(ToolContracts.ORDER_STATUS).orElseThrow().getOrders().stream()
                    .filter(o -> !o.getStatus().equals("CANCELLED") && !o.getStatus().equals("PICKED_UP")).findFirst();
            if (order.isEmpty()) {
                done(turn, "I don't see an order that can still be cancelled." + Wording.sources(sources), sources);
                return;
            }
            turn.updateRequest(RequestChange.ORDER_FOUND, RequestDetails.newBuilder(request).setOrderId(order.get().getOrderId())
                    .setSources(sources).build());
            turn.goTo(CONFIRM_CANCELLATION, Trigger.ORDER_FOUND);
            resume(turn);
            return;
        }
        done(turn, answer(turn, intent, batch) + Wording.sources(sources), sources);
    }

    private void done(Turn turn, String text, List<String> sources) {
        turn.updateRequest(RequestChange.ANSWERED, null);
        turn.goTo(Steps.COMPLETE, Trigger.ANSWERED);
        turn.say(text, List.of(), sources);
    }

    private String answer(Turn turn, Intent intent, Batch batch) {
        String medication = turn.request().getMedication();
        switch (intent) {
            case LIST_MEDICATIONS: {
                MedicationHistory history = batch.result(ToolContracts.MEDICATION_HISTORY).orElseThrow();
                if (history.getMedications().isEmpty()) {
                    return "Hi " + history.getPatientFirstName() + ". I don't see any current medications on file for you.";
                }
                return "Hi " + history.getPatientFirstName() + ". Your current medications are: "
                        + history.getMedications().stream().map(m -> Wording.capitalised(m.getName()) + " "
                                + m.getStrength()).collect(Collectors.joining(", "))
                        + ". Which one can I help you with?";
            }
            case DRUG_INFO: {
                List<DrugCandidate> candidates = batch.result(ToolContracts.DRUG_LOOKUP).orElseThrow().getCandidates();
                if (candidates.isEmpty()) {
                    return "I couldn't find information about " + medication + ".";
                }
                DrugCandidate drug = candidates.get(0);
                StringBuilder text = new StringBuilder(Wording.capitalised(drug.getGenericName()));
                if (!drug.getBrandNames().isEmpty()) {
                    text.append(" (").append(String.join(", ", drug.getBrandNames())).append(')');
                }
                text.append(drug.getDrugClass() == null ? "" : " is a " + drug.getDrugClass());
                if (!drug.getIndications().isEmpty()) {
                    text.append(drug.getDrugClass() == null ? " is" : ",").append(" used for ")
                            .append(String.join(", ", drug.getIndications()).toLowerCase(Locale.ROOT));
                }
                text.append('.');
                MedicationFact own = own(turn, medication);
                if (own != null && own.getDirections() != null) {
                    text.append(" Your label says: \"").append(own.getDirections()).append("\".");
                }
                return text.append(" For anything about dosing, please ask a pharmacist.").toString();
            }
            case ADHERENCE: {
                AdherenceReport report = batch.result(ToolContracts.ADHERENCE).orElseThrow();
                return String.format(Locale.ROOT, "Over the last %d days you had %s covered %d%% of days (%s), "
                        + "from %d fills. Refills left: %d.", report.getPeriodDays(), report.getMedication(),
                        report.getScore(), report.getLevel(), report.getFills(), report.getRefillsRemaining());
            }
            case ALLERGY_QUESTION: {
                Optional<AllergyCheck> check = batch.result(ToolContracts.ALLERGY_CHECK);
                if (check.isEmpty()) {
                    List<String> allergies = batch.result(ToolContracts.MEDICATION_HISTORY).orElseThrow().getAllergies();
                    return allergies.isEmpty() ? "You have no recorded allergies."
                            : "Your recorded allergies are: " + Wording.both(allergies) + ".";
                }
                if (check.get().getConflicts().isEmpty()) {
                    return "I found no conflict between " + medication + " and your recorded allergies ("
                            + Wording.both(check.get().getAllergies()) + ").";
                }
                return "Be careful: " + check.get().getConflicts().stream().map(c -> "your record lists an allergy to "
                        + c.getAllergy() + " (" + c.getDetail() + ")").collect(Collectors.joining("; "))
                        + ". Please talk to a pharmacist before taking " + medication + ".";
            }
            case FIND_PHARMACY: {
                List<PharmacySummary> pharmacies = batch.result(ToolContracts.FIND_PHARMACIES).orElseThrow()
                        .getPharmacies();
                if (pharmacies.isEmpty()) {
                    return "I couldn't find a pharmacy near you.";
                }
                return "Pharmacies near you: " + pharmacies.stream().limit(4).map(p -> p.getName() + ", "
                        + p.getAddress() + (p.getDistanceMiles() == null ? ""
                                : String.format(Locale.ROOT, " (%.1f mi)", p.getDistanceMiles()))
                        + (p.getHoursToday() == null ? "" : ", open " + p.getHoursToday()))
                        .collect(Collectors.joining("; ")) + ".";
            }
            case PRICE: {
                PriceComparison prices = batch.result(ToolContracts.COMPARE_PRICES).orElseThrow();
                if (prices.getOffers().isEmpty()) {
                    return "I couldn't find prices for " + medication + ".";
                }
                String offers = prices.getOffers().stream().limit(4).map(SimpleConversation::offer)
                        .collect(Collectors.joining("; "));
                return "Prices for " + prices.getMedication() + ", cheapest first: " + offers + "."
                        + (prices.getCopay() == null ? "" : " With your plan your copay is "
                                + Wording.money(prices.getCopay()) + ".");
            }
            case COVERAGE: {
                CoverageReport coverage = batch.result(ToolContracts.COVERAGE).orElseThrow();
                if (!coverage.getCovered()) {
                    return "Your plan (" + coverage.getPlanName() + ") does not cover " + coverage.getMedication() + ".";
                }
                return "Your plan (" + coverage.getPlanName() + ") covers " + coverage.getMedication()
                        + (coverage.getTier() == null ? "" : " at tier " + coverage.getTier())
                        + (coverage.getCopay() == null ? "" : ", copay " + Wording.money(coverage.getCopay())) + "."
                        + (coverage.getPriorAuthorization() ? " It requires prior authorization." : "")
                        + (coverage.getStepTherapy() ? " Other drugs must be tried first (step therapy)." : "");
            }
            default: {
                List<OrderSummary> orders = batch.result(ToolContracts.ORDER_STATUS).orElseThrow().getOrders();
                if (orders.isEmpty()) {
                    return "I don't see any recent orders.";
                }
                return "Your recent orders: " + orders.stream().limit(3).map(o -> o.getOrderId() + ", "
                        + o.getMedication() + " " + o.getStrength() + " at " + o.getPharmacyName() + ": "
                        + o.getStatus().toLowerCase(Locale.ROOT)).collect(Collectors.joining("; ")) + ".";
            }
        }
    }

    private static String offer(PriceOffer offer) {
        return offer.getPharmacyName() + " " + Wording.money(offer.getFinalPrice())
                + (offer.getPromotion() == null ? "" : " (" + offer.getPromotion() + ")");
    }

    @Override
    public void resume(Turn turn) {
        if (turn.step().equals(CONFIRM_CANCELLATION)) {
            turn.say("Shall I cancel order " + turn.request().getOrderId() + "?", List.of("Yes", "No"),
                    turn.request().getSources());
        } else if (turn.step().equals(UNDERSTAND_REQUEST)) {
            turn.say("Which medication do you mean?", own(turn), List.of());
        } else {
            turn.updateRequest(RequestChange.FINISHED, null);
            turn.say("Is there anything else I can help you with?");
        }
    }

    private static List<String> own(Turn turn) {
        return turn.profile() == null ? List.of()
                : turn.profile().getMedications().stream().map(MedicationFact::getName).toList();
    }

    private static MedicationFact own(Turn turn, String medication) {
        return turn.profile() == null || medication == null ? null : turn.profile().getMedications().stream()
                .filter(m -> m.getName().equals(medication)).findFirst().orElse(null);
    }
}
