package com.rxflow.tools.medication;

import java.util.List;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.Prescription;
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.ContractTool;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code medication_history}: the bound patient's current medications, all of them, the ones of
 * one drug (by generic or brand name, "Eliquis" finds apixaban), or the ones taken for a condition
 * ("blood pressure" finds lisinopril). A drug the patient does not take gives an empty list, not
 * a failure: "you don't take that" is an answer.
 */
@Component
public class MedicationHistoryTool extends ContractTool<MedicationHistoryQuery, MedicationHistory> {

    private final PatientDirectory patients;
    private final Prescriptions prescriptions;
    private final MedicationEntries entries;

    public MedicationHistoryTool(PatientDirectory patients, DrugCatalogue catalogue) {
        super(ToolContracts.MEDICATION_HISTORY);
        this.patients = patients;
        this.prescriptions = new Prescriptions(catalogue);
        this.entries = new MedicationEntries(catalogue);
    }

    @Override
    public ToolOutcome<MedicationHistory> run(Invocation invocation, MedicationHistoryQuery query) {
        Patient patient = patients.require(invocation.patientId());
        List<Prescription> selected = patient.medications();
        if (!Arguments.absent(query.getMedication())) {
            selected = prescriptions.named(patient, Arguments.medication("medication", query.getMedication()));
        }
        if (!Arguments.absent(query.getCondition())) {
            List<Prescription> forCondition = prescriptions.forCondition(patient,
                    Arguments.medication("condition", query.getCondition()));
            selected = selected.stream().filter(forCondition::contains).toList();
        }
        return ToolOutcome.completed(MedicationHistory.newBuilder()
                .setPatientFirstName(patient.firstName())
                .setMedications(entries.of(selected, invocation.today()))
                .setAllergies(patient.allergies())
                .build(), patients.provenance());
    }
}
