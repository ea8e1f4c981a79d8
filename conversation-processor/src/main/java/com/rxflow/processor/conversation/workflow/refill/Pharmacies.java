package com.rxflow.processor.conversation.workflow.refill;

import static com.rxflow.processor.conversation.workflow.Steps.CHECK_INVENTORY;
import static com.rxflow.processor.conversation.workflow.Steps.COMPLETE;
import static com.rxflow.processor.conversation.workflow.Steps.CONFIRM_ORDER;
import static com.rxflow.processor.conversation.workflow.Steps.FIND_PHARMACIES;
import static com.rxflow.processor.conversation.workflow.Steps.SELECT_PHARMACY;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.rxflow.events.conversation.PharmacyOption;
import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.tools.InventoryQuery;
import com.rxflow.events.tools.InventoryStatus;
import com.rxflow.events.tools.PharmacyList;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.events.tools.PriceComparison;
import com.rxflow.events.tools.PriceOffer;
import com.rxflow.events.tools.PriceQuery;
import com.rxflow.processor.conversation.workflow.Batch;
import com.rxflow.processor.conversation.workflow.Message;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.conversation.workflow.Wording;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.PharmacyChoice;
import com.rxflow.schemas.tool.ToolContracts;

/**
 * Where the refill is filled: nearby pharmacies with the medication (and their prices when the
 * price comparison is on) are listed, the patient picks one by number, name, "the closest" or "the
 * cheapest", and its stock is checked; out of stock offers the alternatives nearby, and none at all
 * goes to a pharmacist. In stock, {@link Ordering} states the order for a yes.
 */
final class Pharmacies {

    /** The purpose of this stage's tool calls, by which their answers come back to it. */
    static final String FIND = "FIND";
    static final String STOCK = "STOCK";

    /** At most this many pharmacies are listed at once, so the patient can choose by number. */
    static final int MAX_OFFERED = 4;

    private Pharmacies() {
    }

    /** Asks for pharmacies near {@code zip} with the medication, and their prices when compared. */
    static void findPharmacies(Turn turn, String zip) {
        RequestDetails request = turn.request();
        String batch = RefillRequest.batch(turn);
        turn.updateRequest(RequestChange.FINDING_PHARMACIES,
                RequestDetails.newBuilder(request).setZip(zip).setBatch(batch).build());
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

    /** Lists the pharmacies found and asks which one; none in stock goes to a pharmacist. */
    static void pharmaciesFound(Turn turn, Batch batch) {
        Optional<PharmacyList> pharmacies = batch.result(ToolContracts.FIND_PHARMACIES);
        if (pharmacies.isEmpty()) {
            RefillRequest.failed(turn, "find pharmacies near you");
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
        turn.updateRequest(RequestChange.PHARMACIES_OFFERED,
                RequestDetails.newBuilder(request).setOfferedPharmacies(options)
                .setSources(sources).build());
        if (options.isEmpty()) {
            Handoff.toPharmacist(turn, new Message(turn.messageId(), request.getQuestion()),
                    Trigger.OUT_OF_STOCK, List.of(),
                    EscalationPriority.ROUTINE, COMPLETE, "I couldn't find a pharmacy near you with "
                            + request.getMedication() + " in stock." + Wording.sources(sources) + " I've asked a "
                            + "pharmacist to help; they will answer you here.");
            return;
        }
        turn.goTo(SELECT_PHARMACY, Trigger.PHARMACIES_FOUND);
        turn.say("Here are pharmacies near you with " + request.getMedication() + " " + request.getStrength()
                + ":\n" + listing(options, sources) + pharmacyQuestion(), numbers(turn), sources);
    }

    /** The patient's choice of pharmacy, or another ZIP code to look near. */
    static void pharmacyAnswered(Turn turn, Interpretation understood) {
        Optional<PharmacyOption> chosen = choose(turn.request().getOfferedPharmacies(), understood.pharmacy());
        if (chosen.isPresent()) {
            checkStock(turn, chosen.get());
        } else if (understood.zip() != null) {
            findPharmacies(turn, understood.zip());
        } else {
            turn.say("Sorry, I didn't catch which pharmacy. " + pharmacyQuestion(), numbers(turn), List.of());
        }
    }

    /** The chosen pharmacy: its stock is checked before the order is stated. */
    static void checkStock(Turn turn, PharmacyOption chosen) {
        RequestDetails request = turn.request();
        String batch = RefillRequest.batch(turn);
        turn.updateRequest(RequestChange.PHARMACY_SELECTED,
                RequestDetails.newBuilder(request).setPharmacyId(chosen.getPharmacyId())
                .setPharmacyName(chosen.getName()).setPharmacyAddress(chosen.getAddress()).setPrice(chosen.getPrice())
                .setBatch(batch).build());
        turn.goTo(CHECK_INVENTORY, Trigger.PHARMACY_SELECTED);
        turn.invoke(ToolContracts.CHECK_INVENTORY, InventoryQuery.newBuilder().setPharmacyId(chosen.getPharmacyId())
                .setMedication(request.getMedication()).setStrength(request.getStrength())
                .setQuantity(request.getQuantity() == null ? 0 : request.getQuantity()).build(), STOCK, batch);
    }

    /** In stock: the order is stated for a yes. Out of stock: the alternatives nearby, or a pharmacist. */
    static void stockChecked(Turn turn, Batch batch) {
        Optional<InventoryStatus> status = batch.result(ToolContracts.CHECK_INVENTORY);
        if (status.isEmpty()) {
            RefillRequest.failed(turn, "check the pharmacy's stock");
            return;
        }
        RequestDetails request = turn.request();
        List<String> sources = batch.sources();
        if (!status.get().getInStock()) {
            List<PharmacyOption> alternatives = status.get().getAlternatives().stream()
                    .filter(p -> !p.getPharmacyId().equals(request.getPharmacyId()))
                    .map(p -> withKnownPrice(p, request.getOfferedPharmacies())).limit(MAX_OFFERED).toList();
            String pharmacy = request.getPharmacyName();
            turn.updateRequest(RequestChange.OUT_OF_STOCK,
                    RequestDetails.newBuilder(request).setOfferedPharmacies(alternatives)
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
        turn.updateRequest(RequestChange.IN_STOCK,
                RequestDetails.newBuilder(request).setPharmacyAddress(pharmacy.getAddress())
                .setPickupAt(pickup).setSources(all.stream().distinct().toList()).build());
        turn.goTo(CONFIRM_ORDER, Trigger.IN_STOCK);
        Ordering.askToConfirm(turn);
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

    private static PharmacyOption withKnownPrice(PharmacySummary pharmacy, List<PharmacyOption> known) {
        PharmacyOption option = option(pharmacy, List.of());
        known.stream().filter(k -> k.getPharmacyId().equals(pharmacy.getPharmacyId())).findFirst()
                .ifPresent(k -> option.setPrice(k.getPrice()));
        return option;
    }

    /** The pharmacy the patient means: a number in the list, "the closest", "the cheapest" or a name. */
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

    /** Lists the pharmacies offered again and asks which one, after {@code preface}. */
    static void askAgain(Turn turn, String preface) {
        turn.say(preface + listing(turn.request().getOfferedPharmacies(), null) + pharmacyQuestion(), numbers(turn),
                List.of());
    }

    private static String pharmacyQuestion() {
        return "Which pharmacy would you like? You can say its number, its name, \"the closest\" or \"the cheapest\".";
    }
}
