package com.rxflow.tools.coverage;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.CoverageQuery;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.pricing.Money;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code coverage}: the bound patient's plan's formulary entry for a drug: tier, copay, prior
 * authorization, step therapy, quantity limit and whether the deductible applies (tier 3 and
 * above, the reference's rule). A drug off the formulary is an answer (covered = false), not a failure.
 */
@Component
public class CoverageTool extends ContractTool<CoverageQuery, CoverageReport> {

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final PlanBook plans;

    public CoverageTool(PatientDirectory patients, DrugCatalogue catalogue, PlanBook plans) {
        super(ToolContracts.COVERAGE);
        this.patients = patients;
        this.catalogue = catalogue;
        this.plans = plans;
    }

    @Override
    public ToolOutcome<CoverageReport> run(Invocation invocation, CoverageQuery query) {
        String medication = Arguments.medication("medication", query.getMedication());
        Patient patient = patients.require(invocation.patientId());
        DrugCatalogue.Match drug = catalogue.require(medication);
        InsurancePlan plan = plans.of(patient);
        return ToolOutcome.completed(report(plan, drug), plans.provenance());
    }

    static CoverageReport report(InsurancePlan plan, DrugCatalogue.Match drug) {
        Optional<FormularyEntry> entry = plan.entry(drug.drug().id(), drug.brand());
        CoverageReport.Builder report = CoverageReport.newBuilder()
                .setPlanId(plan.id())
                .setPlanName(plan.name())
                .setMedication(entry.map(FormularyEntry::product)
                        .orElse(drug.brand() != null ? drug.brand() : drug.drug().genericName()))
                .setCovered(entry.isPresent())
                .setPriorAuthorization(entry.map(FormularyEntry::priorAuth).orElse(false))
                .setStepTherapy(entry.map(FormularyEntry::stepTherapy).orElse(false))
                .setAnnualDeductible(Money.of(plan.annualDeductible()));
        entry.ifPresent(e -> report.setTier(e.tier())
                .setTierDescription(plan.tier(e.tier()).map(Tier::description).orElse(null))
                .setCopay(Money.of(e.copay()))
                .setStepTherapyAlternatives(e.stepTherapyAlternatives())
                .setQuantityLimit(e.quantityLimit())
                .setDeductibleApplies(plan.deductibleApplies(e)));
        return report.build();
    }
}
