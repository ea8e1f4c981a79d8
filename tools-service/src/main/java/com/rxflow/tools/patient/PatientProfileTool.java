package com.rxflow.tools.patient;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.PatientProfile;
import com.rxflow.events.tools.PatientProfileQuery;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.coverage.PlanBook;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.MedicationEntries;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.orders.OrderStatuses;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code patient_profile}: who the bound patient is (name, ZIP, plan, allergies, conditions,
 * current medications and latest orders), for the greeting, the safety checks and a side panel.
 */
@Component
public class PatientProfileTool extends ContractTool<PatientProfileQuery, PatientProfile> {

    static final int RECENT_ORDERS = 3;

    private final PatientDirectory patients;
    private final PlanBook plans;
    private final OrderBook orders;
    private final MedicationEntries entries;

    public PatientProfileTool(PatientDirectory patients, DrugCatalogue catalogue, PlanBook plans, OrderBook orders) {
        super(ToolContracts.PATIENT_PROFILE);
        this.patients = patients;
        this.plans = plans;
        this.orders = orders;
        this.entries = new MedicationEntries(catalogue);
    }

    @Override
    public ToolOutcome<PatientProfile> run(Invocation invocation, PatientProfileQuery query) {
        Patient patient = patients.require(invocation.patientId());
        Optional<InsurancePlan> plan = plans.find(patient.insurancePlanId());
        return ToolOutcome.completed(PatientProfile.newBuilder()
                .setPatientId(patient.id())
                .setFirstName(patient.firstName())
                .setLastName(patient.lastName())
                .setZip(patient.address() == null ? null : patient.address().zip())
                .setInsurancePlanId(patient.insurancePlanId())
                .setInsurancePlanName(plan.map(InsurancePlan::name).orElse(null))
                .setAllergies(patient.allergies())
                .setConditions(patient.conditions())
                .setMedications(entries.of(patient.medications(), invocation.today()))
                .setRecentOrders(orders.ofPatient(patient.id(), RECENT_ORDERS).stream()
                        .map(entry -> OrderStatuses.asOf(entry.order(), invocation.now())).toList())
                .build(), patients.provenance());
    }
}
