package com.rxflow.tools.coverage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolFailure;

/** The insurance plans the pharmacy bills, by id or by any name they went by. */
public final class PlanBook {

    private final Provenance provenance;
    private final Map<String, InsurancePlan> plans = new LinkedHashMap<>();

    public PlanBook(Provenance provenance, Collection<InsurancePlan> plans) {
        this.provenance = provenance;
        for (InsurancePlan plan : plans) {
            if (this.plans.putIfAbsent(plan.id(), plan) != null) {
                throw new IllegalArgumentException("plan id '" + plan.id() + "' appears twice");
            }
        }
    }

    public Provenance provenance() {
        return provenance;
    }

    public Collection<InsurancePlan> all() {
        return plans.values();
    }

    /** A plan by id or by a name it went by ("BlueCross Shield" is BCBS_TX_001). */
    public Optional<InsurancePlan> find(String idOrName) {
        if (idOrName == null) {
            return Optional.empty();
        }
        InsurancePlan byId = plans.get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return plans.values().stream().filter(plan -> plan.name().equalsIgnoreCase(idOrName)
                || plan.aliases().stream().anyMatch(alias -> alias.equalsIgnoreCase(idOrName))).findFirst();
    }

    /** The patient's plan, or NOT_COVERED when the patient has none on file. */
    public InsurancePlan of(Patient patient) {
        return find(patient.insurancePlanId()).orElseThrow(() -> new ToolFailure(FailureCode.NOT_COVERED,
                "patient " + patient.id() + " has no insurance plan on file"
                        + (patient.insurancePlanId() == null ? "" : " (unknown plan " + patient.insurancePlanId() + ")")));
    }
}
