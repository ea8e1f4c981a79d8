package com.rxflow.tools.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.orders.PharmacyOrderPlaced;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.coverage.FormularyEntry;
import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.DrugStrength;
import com.rxflow.tools.medication.Prescriptions;
import com.rxflow.tools.medication.Strengths;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.pharmacy.Pharmacy;
import com.rxflow.tools.pharmacy.PharmacyNetwork;
import com.rxflow.tools.pharmacy.PharmacySummaries;
import com.rxflow.tools.pharmacy.StockItem;
import com.rxflow.tools.pricing.Money;
import com.rxflow.tools.pricing.PriceCalculator;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Publication;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code place_order}: sends a refill to a pharmacy after the patient confirmed it. It checks
 * again that the patient has this prescription at this strength, that it may be refilled today
 * ({@link RefillEligibility}) and that the pharmacy has the quantity on hand; then it publishes
 * ORDER_PLACED on the pharmacy-orders topic, in the same transaction as its result. The order id
 * is derived from the request id and the listener never runs a request id twice, so a
 * redelivered command neither orders twice nor changes the id. The pickup estimate is now plus
 * the pharmacy's wait time for the drug.
 */
@Component
public class PlaceOrderTool extends ContractTool<PlaceOrder, OrderPlaced> {

    static final int MAX_QUANTITY = 1000;

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final Prescriptions prescriptions;
    private final PharmacyNetwork network;
    private final PlanBook plans;
    private final PharmacySummaries summaries;

    public PlaceOrderTool(PatientDirectory patients, DrugCatalogue catalogue, PharmacyNetwork network, PlanBook plans) {
        super(ToolContracts.PLACE_ORDER);
        this.patients = patients;
        this.catalogue = catalogue;
        this.prescriptions = new Prescriptions(catalogue);
        this.network = network;
        this.plans = plans;
        this.summaries = new PharmacySummaries(network);
    }

    @Override
    public ToolOutcome<OrderPlaced> run(Invocation invocation, PlaceOrder order) {
        String medication = Arguments.medication("medication", order.getMedication());
        String strength = Strengths.normalize(Arguments.strength("strength", order.getStrength()));
        int quantity = Arguments.positive("quantity", order.getQuantity(), MAX_QUANTITY);
        Pharmacy pharmacy = network.resolve(Arguments.reference("pharmacyId", order.getPharmacyId()));
        String confirmation = Arguments.reference("confirmationMessageId", order.getConfirmationMessageId());
        Patient patient = patients.require(invocation.patientId());
        Prescription prescription = prescriptions.require(patient, medication);
        if (!Strengths.normalize(prescription.strength()).equals(strength)) {
            throw new ToolFailure(FailureCode.NOT_PRESCRIBED, prescription.name() + " is prescribed at "
                    + prescription.strength() + ", not " + strength);
        }
        if (quantity > prescription.quantity()) {
            throw new ToolFailure(FailureCode.NOT_PRESCRIBED, "the prescription allows " + prescription.quantity()
                    + " per fill, not " + quantity);
        }
        Drug drug = catalogue.byId(prescription.drug()).orElseThrow(() -> new ToolFailure(FailureCode.NOT_FOUND,
                prescription.name() + " is not in the drug catalogue, so it cannot be priced or stocked"));
        InsurancePlan plan = plans.find(patient.insurancePlanId()).orElse(null);
        RefillEligibility.check(patient, prescription, drug, plan, invocation.today());
        StockItem item = pharmacy.stock(drug.id(), strength).filter(stock -> stock.has(quantity))
                .orElseThrow(() -> outOfStock(pharmacy, drug, strength, quantity));

        Instant placedAt = invocation.now().truncatedTo(ChronoUnit.MILLIS);
        OrderSummary summary = OrderSummary.newBuilder()
                .setOrderId(OrderIds.order(invocation.requestId()))
                .setMedication(prescription.name())
                .setStrength(prescription.strength())
                .setQuantity(quantity)
                .setPharmacyId(pharmacy.id())
                .setPharmacyName(pharmacy.name())
                .setStatus(OrderStatuses.RECEIVED)
                .setPlacedAt(placedAt)
                .setPickupAt(placedAt.plus(Duration.ofMinutes(Math.round(item.waitTimeHours() * 60))))
                .build();
        BigDecimal price = PriceCalculator.quote(pharmacy, item, drug, quantity, false, invocation.today()).finalPrice();
        BigDecimal copay = plan == null ? null : plan.entry(drug.id(), null).map(FormularyEntry::copay).orElse(null);
        PharmacyOrderEvent event = PharmacyOrderEvent.newBuilder()
                .setMetadata(invocation.metadata(1))
                .setType(PharmacyOrderEventType.ORDER_PLACED)
                .setPlaced(PharmacyOrderPlaced.newBuilder()
                        .setRequestId(invocation.requestId())
                        .setPatientId(patient.id())
                        .setOrder(summary)
                        .setRxcui(drug.strength(strength).map(DrugStrength::rxcui).orElse(drug.rxcui()))
                        .setPrescriber(prescription.prescriber())
                        .setPrice(Money.of(price))
                        .setCopay(Money.of(copay))
                        .setConfirmationMessageId(confirmation)
                        .build())
                .build();
        OrderPlaced result = OrderPlaced.newBuilder()
                .setOrder(summary)
                .setPharmacy(summaries.of(pharmacy, invocation.now(),
                        patient.address() == null ? null : patient.address().point(), plan, drug, strength, quantity))
                .setPrice(Money.of(price))
                .setCopay(Money.of(copay))
                .build();
        return ToolOutcome.completed(result, network.provenance(),
                List.of(new Publication(TopicCatalogue.PHARMACY_ORDERS, summary.getOrderId(), event)));
    }

    private ToolFailure outOfStock(Pharmacy pharmacy, Drug drug, String strength, int quantity) {
        List<String> others = network.all().stream()
                .filter(other -> !other.id().equals(pharmacy.id()) && !other.membershipRequired())
                .filter(other -> other.stock(drug.id(), strength).map(stock -> stock.has(quantity)).orElse(false))
                .map(Pharmacy::id).toList();
        return new ToolFailure(FailureCode.OUT_OF_STOCK, pharmacy.name() + " does not have " + quantity + " of "
                + drug.genericName() + " " + strength + " on hand; pharmacies that do: " + others);
    }
}
