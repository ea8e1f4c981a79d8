package com.rxflow.tools.pharmacy;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.InventoryQuery;
import com.rxflow.events.tools.InventoryStatus;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.geo.GeoPoint;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.Strengths;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code check_inventory}: whether a pharmacy (by id or by name: "walmart", "CVS Pharmacy on
 * Main Street") has a drug at a strength in the quantity needed, and when it does not, the
 * nearest pharmacies (from the patient's home) that do; warehouse clubs, which need a membership,
 * are not offered as alternatives.
 */
@Component
public class CheckInventoryTool extends ContractTool<InventoryQuery, InventoryStatus> {

    /** Alternatives offered when a pharmacy is out of stock. */
    static final int ALTERNATIVES = 3;
    static final int MAX_QUANTITY = 1000;

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final PharmacyNetwork network;
    private final PlanBook plans;
    private final PharmacySummaries summaries;

    public CheckInventoryTool(PatientDirectory patients, DrugCatalogue catalogue, PharmacyNetwork network, PlanBook plans) {
        super(ToolContracts.CHECK_INVENTORY);
        this.patients = patients;
        this.catalogue = catalogue;
        this.network = network;
        this.plans = plans;
        this.summaries = new PharmacySummaries(network);
    }

    @Override
    public ToolOutcome<InventoryStatus> run(Invocation invocation, InventoryQuery query) {
        Pharmacy pharmacy = network.resolve(Arguments.reference("pharmacyId", query.getPharmacyId()));
        String medication = Arguments.medication("medication", query.getMedication());
        String strength = Strengths.normalize(Arguments.strength("strength", query.getStrength()));
        int quantity = query.getQuantity() == 0 ? 1 : Arguments.positive("quantity", query.getQuantity(), MAX_QUANTITY);
        Drug drug = catalogue.require(medication).drug();
        Patient patient = patients.require(invocation.patientId());
        InsurancePlan plan = plans.find(patient.insurancePlanId()).orElse(null);
        GeoPoint home = patient.address() != null ? patient.address().point() : pharmacy.address().point();
        boolean inStock = pharmacy.stock(drug.id(), strength).map(item -> item.has(quantity)).orElse(false);
        List<PharmacySummary> alternatives = inStock ? List.of() : network.all().stream()
                .filter(other -> !other.id().equals(pharmacy.id()) && !other.membershipRequired())
                .filter(other -> other.stock(drug.id(), strength).map(item -> item.has(quantity)).orElse(false))
                .sorted(Comparator.comparingDouble(other -> home.milesTo(other.address().point())))
                .limit(ALTERNATIVES)
                .map(other -> summaries.of(other, invocation.now(), home, plan, drug, strength, quantity))
                .toList();
        return ToolOutcome.completed(InventoryStatus.newBuilder()
                .setPharmacy(summaries.of(pharmacy, invocation.now(), home, plan, drug, strength, quantity))
                .setMedication(drug.genericName())
                .setStrength(strength)
                .setInStock(inStock)
                .setAlternatives(alternatives)
                .build(), network.provenance());
    }
}
