package com.rxflow.tools.adherence;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.AdherenceQuery;
import com.rxflow.events.tools.AdherenceReport;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.medication.DrugCatalogue;
import com.rxflow.tools.medication.Prescriptions;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code adherence}: how regularly the bound patient has filled a medication over the last year,
 * computed from the fill history (never stored), with refills left and whether a new
 * prescription is needed.
 */
@Component
public class AdherenceTool extends ContractTool<AdherenceQuery, AdherenceReport> {

    private final PatientDirectory patients;
    private final Prescriptions prescriptions;

    public AdherenceTool(PatientDirectory patients, DrugCatalogue catalogue) {
        super(ToolContracts.ADHERENCE);
        this.patients = patients;
        this.prescriptions = new Prescriptions(catalogue);
    }

    @Override
    public ToolOutcome<AdherenceReport> run(Invocation invocation, AdherenceQuery query) {
        Patient patient = patients.require(invocation.patientId());
        Prescription prescription = prescriptions.require(patient, Arguments.medication("medication", query.getMedication()));
        ProportionOfDaysCovered.Result pdc = ProportionOfDaysCovered.of(prescription.fills(), invocation.today());
        return ToolOutcome.completed(AdherenceReport.newBuilder()
                .setMedication(prescription.name())
                .setStrength(prescription.strength())
                .setPdc(Math.round(pdc.pdc() * 10_000) / 10_000.0)
                .setScore(pdc.score())
                .setLevel(pdc.level().label())
                .setPeriodDays(pdc.periodDays())
                .setDaysCovered(pdc.daysCovered())
                .setFills(pdc.fills())
                .setRefillsRemaining(prescription.refillsRemaining())
                .setNeedsNewPrescription(prescription.needsNewPrescription(invocation.today()))
                .setLastFilled(prescription.lastFilled(invocation.today()).orElse(null))
                .build(), patients.provenance());
    }
}
