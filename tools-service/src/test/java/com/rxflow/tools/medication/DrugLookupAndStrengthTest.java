package com.rxflow.tools.medication;

import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.rxflow.events.tools.DrugCandidate;
import com.rxflow.events.tools.DrugLookup;
import com.rxflow.events.tools.DrugLookupQuery;
import com.rxflow.events.tools.StrengthQuery;
import com.rxflow.events.tools.StrengthVerification;
import com.rxflow.tools.TestData;
import com.rxflow.tools.registry.FailureCode;

class DrugLookupAndStrengthTest {

    private final DrugLookupTool lookup = new DrugLookupTool(new CatalogueDrugLookup(TestData.catalogue()));
    private final VerifyStrengthTool strengths = new VerifyStrengthTool(TestData.catalogue());

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"Prilosec, omeprazole, 7646", "Lipitor, atorvastatin, 83367", "Eliquis, apixaban, 1364430",
            "zestril, lisinopril, 29046", "Coumadin, warfarin, 11289", "Ativan, lorazepam, 6470"})
    void aBrandNameIsItsGeneric(String brand, String generic, String rxcui) {
        DrugLookup found = result(lookup, invocation("patient_001"), term(brand));

        assertThat(found.getCandidates()).singleElement().satisfies(candidate -> {
            assertThat(candidate.getGenericName()).isEqualTo(generic);
            assertThat(candidate.getRxcui()).isEqualTo(rxcui);
            assertThat(candidate.getScore()).isEqualTo(1.0);
            assertThat(candidate.getMatchedName()).isEqualToIgnoringCase(brand);
        });
    }

    @Test
    void aCandidateCarriesStrengthsFormsClassAndIndications() {
        DrugCandidate omeprazole = result(lookup, invocation("patient_001"), term("omeprazole")).getCandidates().get(0);

        assertThat(omeprazole.getBrandNames()).contains("Prilosec");
        assertThat(omeprazole.getStrengths()).containsExactly("10mg", "20mg", "40mg");
        assertThat(omeprazole.getForms()).contains("delayed-release capsule");
        assertThat(omeprazole.getDrugClass()).contains("Proton pump inhibitor");
        assertThat(omeprazole.getIndications()).contains("GERD");
    }

    @ParameterizedTest(name = "{0} ranks {1} first")
    @CsvSource({"omeprazol, omeprazole", "metforman, metformin", "lisinoprel, lisinopril", "atorvastin, atorvastatin",
            "omepra, omeprazole"})
    void aMisspellingGivesRankedCandidatesWithScores(String misspelt, String expected) {
        DrugLookup found = result(lookup, invocation("patient_001"), term(misspelt));

        assertThat(found.getCandidates()).isNotEmpty();
        assertThat(found.getCandidates().get(0).getGenericName()).isEqualTo(expected);
        assertThat(found.getCandidates().get(0).getScore()).isBetween(0.5, 0.99);
        assertThat(found.getCandidates()).extracting(DrugCandidate::getScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void nothingCloseGivesNoCandidate() {
        assertThat(result(lookup, invocation("patient_001"), term("xyz123medicine")).getCandidates()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} is {2}")
    @CsvSource({"lisinopril, 10 mg, 10mg, true, 314076", "lisinopril, 10MG, 10mg, true, 314076",
            "lorazepam, 0.5 mg, 0.5mg, true, 197900", "lorazepam, .5mg, 0.5mg, true, 197900",
            "omeprazole, 20mg, 20mg, true, 198053", "meloxicam, 15 milligrams, 15mg, true, 197591",
            "omeprazole, 30mg, 30mg, false, ''", "Eliquis, 5 mg, 5mg, true, 1364445"})
    void aStatedStrengthIsNormalisedAndChecked(String drug, String stated, String normalised, boolean valid, String rxcui) {
        StrengthVerification verification = result(strengths, invocation("patient_001"),
                StrengthQuery.newBuilder().setMedication(drug).setStrength(stated).build());

        assertThat(verification.getStrength()).isEqualTo(normalised);
        assertThat(verification.getValid()).isEqualTo(valid);
        assertThat(verification.getRxcui()).isEqualTo(rxcui.isEmpty() ? null : rxcui);
        assertThat(verification.getAvailable()).isNotEmpty();
    }

    @Test
    void strengthOfAnUnknownDrugIsNotAssumedValid() {
        TestData.failure(strengths, invocation("patient_001"),
                StrengthQuery.newBuilder().setMedication("xyz").setStrength("10mg").build(), FailureCode.NOT_FOUND);
        TestData.failure(strengths, invocation("patient_001"),
                StrengthQuery.newBuilder().setMedication("lisinopril").setStrength("ten mg").build(), FailureCode.INVALID_ARGUMENTS);
    }

    @ParameterizedTest
    @CsvSource({"10 mg, 10mg", "10.0 mg, 10mg", "0.50 MG, 0.5mg", "5 mg / 325 mg, 5mg/325mg", "100 mcg, 100mcg"})
    void strengthsNormalise(String stated, String normalised) {
        assertThat(Strengths.normalize(stated)).isEqualTo(normalised);
    }

    private static DrugLookupQuery term(String term) {
        return DrugLookupQuery.newBuilder().setTerm(term).build();
    }
}
