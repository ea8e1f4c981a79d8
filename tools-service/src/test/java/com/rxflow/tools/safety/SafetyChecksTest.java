package com.rxflow.tools.safety;

import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyCheckQuery;
import com.rxflow.events.tools.AllergyConflict;
import com.rxflow.events.tools.Interaction;
import com.rxflow.events.tools.InteractionQuery;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.tools.TestData;
import com.rxflow.tools.registry.FailureCode;

class SafetyChecksTest {

    private final AllergyCheckTool allergies = new AllergyCheckTool(TestData.patients(), TestData.catalogue(),
            new AllergyChecker(TestData.catalogue(), TestData.shipped().allergens()));
    private final InteractionCheckTool interactions = new InteractionCheckTool(TestData.patients(), TestData.catalogue(),
            TestData.shipped().interactions());

    @Test
    void amoxicillinForThePenicillinAllergicPatientIsFlagged() {
        AllergyCheck check = result(allergies, invocation("patient_001"), allergy("amoxicillin"));

        assertThat(check.getAllergies()).containsExactly("penicillin", "sulfa drugs");
        assertThat(check.getConflicts()).extracting(AllergyConflict::getAllergy, AllergyConflict::getReason,
                AllergyConflict::getSeverity).containsExactly(tuple("penicillin", "CROSS_SENSITIVITY", "AVOID"));
        assertThat(check.getConflicts().get(0).getDetail()).contains("penicillin-class");
    }

    @Test
    void ampicillinTooAndACephalosporinNeedsCaution() {
        assertThat(result(allergies, invocation("patient_001"), allergy("ampicillin")).getConflicts())
                .extracting(AllergyConflict::getSeverity).containsExactly("AVOID");
        assertThat(result(allergies, invocation("patient_001"), allergy("Keflex")).getConflicts())
                .extracting(AllergyConflict::getReason, AllergyConflict::getSeverity)
                .containsExactly(tuple("CROSS_SENSITIVITY", "CAUTION"));
    }

    @Test
    void aSulfonamideAntibioticForTheSulfaAllergicPatientIsFlagged() {
        assertThat(result(allergies, invocation("patient_001"), allergy("Bactrim")).getConflicts())
                .extracting(AllergyConflict::getAllergy, AllergyConflict::getSeverity)
                .containsExactly(tuple("sulfa drugs", "AVOID"));
    }

    @Test
    void noConflictForAnUnrelatedDrugOrAPatientWithoutAllergies() {
        assertThat(result(allergies, invocation("patient_001"), allergy("lisinopril")).getConflicts()).isEmpty();
        AllergyCheck mary = result(allergies, invocation("patient_002"), allergy("amoxicillin"));
        assertThat(mary.getAllergies()).isEmpty();
        assertThat(mary.getConflicts()).isEmpty();
    }

    @Test
    void anUnknownDrugCannotBeClearedSoItFails() {
        TestData.failure(allergies, invocation("patient_001"), allergy("xyz123"), FailureCode.NOT_FOUND);
    }

    @Test
    void warfarinForThePatientOnEliquisIsContraindicated() {
        InteractionReport report = result(interactions, invocation("patient_002"), interaction("warfarin"));

        assertThat(report.getHighestSeverity()).isEqualTo("CONTRAINDICATED");
        Interaction eliquis = report.getInteractions().get(0);
        assertThat(eliquis.getWithMedication()).isEqualTo("eliquis");
        assertThat(eliquis.getSeverity()).isEqualTo("CONTRAINDICATED");
        assertThat(eliquis.getEffect()).contains("bleeding");
        assertThat(eliquis.getManagement()).contains("Do not use together");
        assertThat(eliquis.getSource()).contains("DRUG_INTERACTIONS");
        // and atorvastatin, her other drug, adds a minor one: every current medication is checked
        assertThat(report.getInteractions()).extracting(Interaction::getWithMedication)
                .containsExactly("eliquis", "atorvastatin");
    }

    @Test
    void ibuprofenIsCheckedAgainstEveryCurrentMedicationMostSevereFirst() {
        InteractionReport report = result(interactions, invocation("patient_001"), interaction("ibuprofen"));

        assertThat(report.getInteractions()).extracting(Interaction::getWithMedication, Interaction::getSeverity)
                .containsExactly(tuple("meloxicam", "MAJOR"), tuple("lisinopril", "MODERATE"));
        assertThat(report.getInteractions().get(1).getManagement()).contains("acetaminophen");
    }

    @Test
    void hydrocodoneWithLorazepamIsMajor() {
        InteractionReport report = result(interactions, invocation("patient_001"), interaction("hydrocodone"));

        assertThat(report.getHighestSeverity()).isEqualTo("MAJOR");
        assertThat(report.getInteractions()).extracting(Interaction::getWithMedication)
                .containsExactly("lorazepam", "methocarbamol");
    }

    @Test
    void omeprazoleHasNoInteractionWithJohnsMedications() {
        InteractionReport report = result(interactions, invocation("patient_001"), interaction("omeprazole"));

        assertThat(report.getInteractions()).isEmpty();
        assertThat(report.getHighestSeverity()).isNull();
    }

    private static AllergyCheckQuery allergy(String medication) {
        return AllergyCheckQuery.newBuilder().setMedication(medication).build();
    }

    private static InteractionQuery interaction(String medication) {
        return InteractionQuery.newBuilder().setMedication(medication).build();
    }
}
