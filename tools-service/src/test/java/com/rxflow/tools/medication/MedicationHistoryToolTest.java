package com.rxflow.tools.medication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.tools.patient.TestPatients;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Provenance;
import com.rxflow.tools.registry.ToolOutcome;

class MedicationHistoryToolTest {

    private final MedicationHistoryTool tool = new MedicationHistoryTool(TestPatients.shipped());

    @Test
    void johnSmithHasTheSixMedicationsOfTheSeedFileInPrescriptionOrder() {
        ToolOutcome.Completed<MedicationHistory> completed = completed(tool.run("patient_001", everything()));

        assertThat(completed.result().getPatientFirstName()).isEqualTo("John");
        assertThat(completed.result().getMedications())
                .extracting(MedicationEntry::getName, MedicationEntry::getStrength, MedicationEntry::getRxnormCode)
                .containsExactly(
                        tuple("lisinopril", "10mg", "29046"),
                        tuple("metformin", "500mg", "6809"),
                        tuple("methocarbamol", "500mg", "6878"),
                        tuple("meloxicam", "15mg", "77492"),
                        tuple("omeprazole", "20mg", "7646"),
                        tuple("famotidine", "20mg", "4278"));
        assertThat(completed.result().getMedications()).extracting(MedicationEntry::getPrescriber)
                .containsOnly("Dr. Sarah Johnson");
        assertThat(completed.provenance()).isEqualTo(new Provenance("bundled-demo-data", "seed-45ffb70"));
    }

    @Test
    void aMedicationNameNarrowsTheAnswerIgnoringCase() {
        MedicationHistory history = completed(tool.run("patient_001", MedicationHistoryQuery.newBuilder().setMedication(" Omeprazole ").build())).result();

        assertThat(history.getMedications()).containsExactly(
                MedicationEntry.newBuilder().setName("omeprazole").setStrength("20mg").setRxnormCode("7646").setPrescriber("Dr. Sarah Johnson").build());
    }

    @Test
    void aMedicationThePatientDoesNotTakeGivesAnEmptyList() {
        MedicationHistory history = completed(tool.run("patient_001", MedicationHistoryQuery.newBuilder().setMedication("eliquis").build())).result();

        assertThat(history.getPatientFirstName()).isEqualTo("John");
        assertThat(history.getMedications()).isEmpty();
    }

    @Test
    void aPatientTheDataDoesNotKnowIsNotFoundAndNotRetryable() {
        ToolOutcome<MedicationHistory> outcome = tool.run("patient_999", everything());

        assertThat(outcome).isInstanceOfSatisfying(ToolOutcome.Failed.class, failed -> {
            assertThat(failed.code()).isEqualTo(FailureCode.NOT_FOUND);
            assertThat(failed.retryable()).isFalse();
            assertThat(failed.reason()).contains("patient_999");
        });
    }

    private static MedicationHistoryQuery everything() {
        return MedicationHistoryQuery.newBuilder().setMedication(null).build();
    }

    private static ToolOutcome.Completed<MedicationHistory> completed(ToolOutcome<MedicationHistory> outcome) {
        assertThat(outcome).isInstanceOf(ToolOutcome.Completed.class);
        return (ToolOutcome.Completed<MedicationHistory>) outcome;
    }
}
