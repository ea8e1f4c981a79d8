package com.rxflow.tools.pharmacy;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.PharmacyList;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.geo.GeoPoint;
import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolFailure;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code find_pharmacies}: pharmacies within a radius of a point (given coordinates, a ZIP code's
 * centre, or by default the patient's home), nearest first, with opening hours, insurance and,
 * when a medication is named, its stock.
 */
@Component
public class FindPharmaciesTool extends ContractTool<PharmacySearch, PharmacyList> {

    static final double MAX_RADIUS_MILES = 100;

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final PharmacyNetwork network;
    private final PlanBook plans;
    private final PharmacySummaries summaries;

    public FindPharmaciesTool(PatientDirectory patients, DrugCatalogue catalogue, PharmacyNetwork network, PlanBook plans) {
        super(ToolContracts.FIND_PHARMACIES);
        this.patients = patients;
        this.catalogue = catalogue;
        this.network = network;
        this.plans = plans;
        this.summaries = new PharmacySummaries(network);
    }

    @Override
    public ToolOutcome<PharmacyList> run(Invocation invocation, PharmacySearch search) {
        double radius = search.getRadiusMiles();
        if (!(radius > 0 && radius <= MAX_RADIUS_MILES)) {
            throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "argument 'radiusMiles' must be above 0 and at most "
                    + MAX_RADIUS_MILES + ", not " + radius);
        }
        Drug drug = Arguments.absent(search.getMedication()) ? null
                : catalogue.resolve(Arguments.medication("medication", search.getMedication())).map(DrugCatalogue.Match::drug)
                        .orElseThrow(() -> new ToolFailure(FailureCode.NOT_FOUND,
                                "no drug named '" + search.getMedication() + "' in the catalogue"));
        String strength = Arguments.absent(search.getStrength()) ? null : Arguments.strength("strength", search.getStrength());
        if (search.getQuantity() < 0) {
            throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "argument 'quantity' must not be negative");
        }
        Patient patient = patients.require(invocation.patientId());
        GeoPoint from = searchPoint(search, patient);
        InsurancePlan plan = plans.find(patient.insurancePlanId()).orElse(null);
        List<PharmacySummary> found = network.all().stream()
                .filter(pharmacy -> from.milesTo(pharmacy.address().point()) <= radius)
                .sorted(Comparator.comparingDouble(pharmacy -> from.milesTo(pharmacy.address().point())))
                .map(pharmacy -> summaries.of(pharmacy, invocation.now(), from, plan, drug, strength, search.getQuantity()))
                .toList();
        return ToolOutcome.completed(PharmacyList.newBuilder().setPharmacies(found).build(), network.provenance());
    }

    private GeoPoint searchPoint(PharmacySearch search, Patient patient) {
        if (search.getLatitude() != null || search.getLongitude() != null) {
            if (search.getLatitude() == null || search.getLongitude() == null) {
                throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "arguments 'latitude' and 'longitude' go together");
            }
            try {
                return new GeoPoint(search.getLatitude(), search.getLongitude());
            } catch (IllegalArgumentException e) {
                throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "arguments 'latitude' and 'longitude' are " + e.getMessage());
            }
        }
        if (!Arguments.absent(search.getZip())) {
            String zip = Arguments.zip("zip", search.getZip());
            return network.zip(zip).orElseThrow(() -> new ToolFailure(FailureCode.NOT_FOUND,
                    "ZIP code " + zip + " is outside the area the pharmacy network covers"));
        }
        if (patient.address() == null) {
            throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "no ZIP code or point given and patient "
                    + patient.id() + " has no address on file");
        }
        return patient.address().point();
    }
}
