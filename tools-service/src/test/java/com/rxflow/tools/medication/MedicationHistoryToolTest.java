package com.rxflow.tools.medication;

import static com.rxflow.tools.TestData.TODAY;
import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.tools.TestData;
import com.rxflow.tools.registry.FailureCode;

class MedicationHistoryToolTest {

    private final MedicationHistoryTool tool = new MedicationHistoryTool(TestData.patients(), TestData.catalogue());

    @Test
    void johnSmithHasTheSevenMedicationsOfTheReferencePatientWithStrengthLevelRxNormCodes() {
        MedicationHistory history = result(tool, invocation("patient_001"), everything());

        assertThat(history.getPatientFirstName()).isEqualTo("John");
        assertThat(history.getAllergies()).containsExactly("penicillin", "sulfa drugs");
        assertThat(history.getMedications())
                .extracting(MedicationEntry::getName, MedicationEntry::getStrength, MedicationEntry::getRxnormCode)
                .containsExactly(
                        tuple("lisinopril", "10mg", "314076"),
                        tuple("metformin", "500mg", "861007"),
                        tuple("methocarbamol", "500mg", "197943"),
                        tuple("meloxicam", "15mg", "197591"),
                        tuple("omeprazole", "20mg", "198053"),
                        tuple("famotidine", "20mg", "310273"),
                        tuple("lorazepam", "0.5mg", "197900"));
    }

    @Test
    void theRefillFactsOfTheScenariosHoldOnAnyDay() {
        MedicationHistory history = result(tool, invocation("patient_001"), everything());

        MedicationEntry omeprazole = entry(history, "omeprazole");
        assertThat(omeprazole.getLastFilled()).isEqualTo(TODAY.minusDays(28));
        assertThat(omeprazole.getRefillTooEarly()).isFalse();
        assertThat(omeprazole.getRefillDueFrom()).isEqualTo(TODAY.minusDays(5));
        assertThat(omeprazole.getRefillsRemaining()).isEqualTo(5);
        assertThat(entry(history, "metformin").getRefillsRemaining()).isZero();
        MedicationEntry lisinopril = entry(history, "lisinopril");
        assertThat(lisinopril.getExpired()).isTrue();
        assertThat(lisinopril.getRefillsRemaining()).isZero();
        MedicationEntry lorazepam = entry(history, "lorazepam");
        assertThat(lorazepam.getControlled()).isTrue();
        assertThat(lorazepam.getSchedule()).isEqualTo("IV");
        assertThat(lorazepam.getRequiresDoctorReview()).isTrue();
        assertThat(entry(history, "famotidine").getRefillTooEarly()).isTrue();
        assertThat(entry(history, "meloxicam").getRefillTooEarly()).isTrue();
        assertThat(entry(history, "omeprazole").getGenericName()).isEqualTo("omeprazole");
        assertThat(entry(history, "omeprazole").getBrandNames()).contains("Prilosec");
    }

    @Test
    void aBrandNameFindsTheGenericTheCasedMisspeltNameToo() {
        assertThat(result(tool, invocation("patient_002"), named("Eliquis")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("eliquis");
        assertThat(result(tool, invocation("patient_002"), named("Lipitor")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("atorvastatin");
        assertThat(result(tool, invocation("patient_001"), named(" Omeprazole ")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("omeprazole");
        assertThat(result(tool, invocation("patient_001"), named("Omeprazole 20mg")).getMedications()).hasSize(1);
    }

    @Test
    void aConditionFindsWhatThePatientTakesForIt() {
        assertThat(result(tool, invocation("patient_001"), condition("blood pressure")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("lisinopril");
        assertThat(result(tool, invocation("patient_001"), condition("acid reflux")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("omeprazole");
        assertThat(result(tool, invocation("patient_001"), condition("diabetes")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("metformin");
        assertThat(result(tool, invocation("patient_001"), condition("heartburn")).getMedications())
                .extracting(MedicationEntry::getName).containsExactly("omeprazole", "famotidine");
    }

    @Test
    void aMedicationThePatientDoesNotTakeGivesAnEmptyList() {
        MedicationHistory history = result(tool, invocation("patient_001"), named("hydrocodone"));

        assertThat(history.getPatientFirstName()).isEqualTo("John");
        assertThat(history.getMedications()).isEmpty();
    }

    @Test
    void aMalformedNameOrAnUnknownPatientFails() {
        TestData.failure(tool, invocation("patient_001"), named("<script>"), FailureCode.INVALID_ARGUMENTS);
        TestData.failure(tool, invocation("patient_999"), everything(), FailureCode.NOT_FOUND);
    }

    static MedicationEntry entry(MedicationHistory history, String name) {
        return history.getMedications().stream().filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    private static MedicationHistoryQuery everything() {
        return MedicationHistoryQuery.newBuilder().build();
    }

    private static MedicationHistoryQuery named(String medication) {
        return MedicationHistoryQuery.newBuilder().setMedication(medication).build();
    }

    private static MedicationHistoryQuery condition(String condition) {
        return MedicationHistoryQuery.newBuilder().setCondition(condition).build();
    }
}
