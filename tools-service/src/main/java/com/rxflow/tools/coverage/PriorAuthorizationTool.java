package com.rxflow.tools.coverage;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.PriorAuthQuery;
import com.rxflow.events.tools.PriorAuthRequirements;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code prior_authorization}: whether the bound patient's plan requires prior authorization for
 * a drug and, when it does, the plan's criteria, the documents the prescriber must send and the
 * usual decision time. One source of truth, the plan data, where the reference had four that
 * disagreed.
 */
@Component
public class PriorAuthorizationTool extends ContractTool<PriorAuthQuery, PriorAuthRequirements> {

    private final PatientDirectory patients;
    private final DrugCatalogue catalogue;
    private final PlanBook plans;

    public PriorAuthorizationTool(PatientDirectory patients, DrugCatalogue catalogue, PlanBook plans) {
        super(ToolContracts.PRIOR_AUTHORIZATION);
        this.patients = patients;
        this.catalogue = catalogue;
        this.plans = plans;
    }

    @Override
    public ToolOutcome<PriorAuthRequirements> run(Invocation invocation, PriorAuthQuery query) {
        String medication = Arguments.medication("medication", query.getMedication());
        Patient patient = patients.require(invocation.patientId());
        DrugCatalogue.Match drug = catalogue.require(medication);
        InsurancePlan plan = plans.of(patient);
        boolean required = plan.entry(drug.drug().id(), drug.brand()).map(FormularyEntry::priorAuth).orElse(false);
        Optional<PriorAuthPolicy> policy = required ? plan.priorAuthFor(drug.drug().id()) : Optional.empty();
        return ToolOutcome.completed(PriorAuthRequirements.newBuilder()
                .setMedication(drug.brand() != null ? drug.brand() : drug.drug().genericName())
                .setPlanId(plan.id())
                .setRequired(required)
                .setCriteria(policy.map(PriorAuthPolicy::criteria).orElse(List.of()))
                .setDocumentation(policy.map(PriorAuthPolicy::documentation).orElse(List.of()))
                .setTurnaround(policy.map(PriorAuthPolicy::turnaround).orElse(null))
                .build(), plans.provenance());
    }
}
