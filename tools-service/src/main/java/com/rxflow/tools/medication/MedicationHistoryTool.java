package com.rxflow.tools.medication;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.tools.patient.Patient;
import com.rxflow.tools.patient.PatientDirectory;
import com.rxflow.tools.patient.PrescribedMedication;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolOutcome;

/**
 * {@code medication_history}: the bound patient's current medications, all of them or the ones
 * with the asked-for name. Brand-to-generic matching is the RxNorm tool's job, not this one's:
 * here a name matches only the name as prescribed, ignoring case.
 */
@Component
public class MedicationHistoryTool implements Tool<MedicationHistoryQuery, MedicationHistory> {

    public static final String NAME = "medication_history";

    private final PatientDirectory patients;

    public MedicationHistoryTool(PatientDirectory patients) {
        this.patients = patients;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<MedicationHistoryQuery> argumentType() {
        return MedicationHistoryQuery.class;
    }

    @Override
    public Class<MedicationHistory> resultType() {
        return MedicationHistory.class;
    }

    @Override
    public ToolOutcome<MedicationHistory> run(String patientId, MedicationHistoryQuery query) {
        Optional<Patient> found = patients.find(patientId);
        if (found.isEmpty()) {
            return ToolOutcome.failed(FailureCode.NOT_FOUND,
                    "patient " + patientId + " is not in " + patients.source() + " " + patients.version());
        }
        Patient patient = found.get();
        List<MedicationEntry> medications = patient.currentMedications().stream()
                .filter(named(query.getMedication()))
                .map(MedicationHistoryTool::entry)
                .toList();
        return ToolOutcome.completed(MedicationHistory.newBuilder().setPatientFirstName(patient.firstName()).setMedications(medications).build(),
                new Provenance(patients.source(), patients.version()));
    }

    private static Predicate<PrescribedMedication> named(String medication) {
        if (medication == null || medication.isBlank()) {
            return any -> true;
        }
        String wanted = medication.strip().toLowerCase(Locale.ROOT);
        return prescribed -> prescribed.name().toLowerCase(Locale.ROOT).equals(wanted);
    }

    private static MedicationEntry entry(PrescribedMedication medication) {
        return MedicationEntry.newBuilder().setName(medication.name()).setStrength(medication.strength()).setRxnormCode(medication.rxnormCode()).setPrescriber(medication.prescriber()).build();
    }
}
