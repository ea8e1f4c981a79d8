package com.rxflow.tools.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;

class PatientDataFileTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private final PatientDataFile loader = new PatientDataFile(JsonMapper.builder().build(), VALIDATION.getValidator());

    @AfterAll
    static void closeValidation() {
        VALIDATION.close();
    }

    @Test
    void theShippedFileLoadsWithItsProvenanceAndBothSeedPatients() {
        PatientDirectory patients = loader.load(new ClassPathResource("data/patients.json"));

        assertThat(patients.source()).isEqualTo("bundled-demo-data");
        assertThat(patients.version()).isEqualTo("seed-45ffb70");
        Patient john = patients.find("patient_001").orElseThrow();
        assertThat(john.name()).isEqualTo("John Smith");
        assertThat(john.firstName()).isEqualTo("John");
        assertThat(john.dateOfBirth()).isEqualTo(LocalDate.of(1975, 3, 15));
        assertThat(john.allergies()).containsExactly("penicillin", "sulfa drugs");
        assertThat(john.currentMedications()).hasSize(6);
        Patient mary = patients.find("patient_002").orElseThrow();
        assertThat(mary.allergies()).isEmpty();
        assertThat(mary.currentMedications()).extracting(PrescribedMedication::name)
                .containsExactly("atorvastatin", "eliquis");
    }

    @Test
    void aMissingMedicationFieldIsRefusedNamingTheFileAndTheField() {
        String json = file("""
                {"id": "p1", "name": "Ann Lee", "date_of_birth": "1980-01-02", "allergies": [],
                 "current_medications": [
                   {"name": "lisinopril", "strength": "10mg"},
                   {"name": "metformin", "rxnorm_code": "6809"}]}""");

        assertThatThrownBy(() -> loader.load(named(json)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-patients.json")
                .hasMessageContaining("patients[0].current_medications[1].strength");
    }

    @Test
    void aPatientWithoutAllergiesListedIsRefusedBecauseNoneAndUnknownDiffer() {
        String json = file("""
                {"id": "p1", "name": "Ann Lee", "date_of_birth": "1980-01-02", "current_medications": []}""");

        assertThatThrownBy(() -> loader.load(named(json)))
                .hasMessageContaining("test-patients.json")
                .hasMessageContaining("patients[0].allergies");
    }

    @Test
    void anEmptyListEntryIsRefusedNamingItsPosition() {
        String json = file("""
                {"id": "p1", "name": "Ann Lee", "date_of_birth": "1980-01-02", "allergies": [null],
                 "current_medications": [null]}""");

        assertThatThrownBy(() -> loader.load(named(json)))
                .hasMessageContaining("patients[0].allergies[0] must not be blank")
                .hasMessageContaining("patients[0].current_medications[0] must not be null");
    }

    @Test
    void aFileWithoutVersionIsRefusedNamingTheField() {
        String json = """
                {"source": "test", "patients": []}""";

        assertThatThrownBy(() -> loader.load(named(json)))
                .hasMessageContaining("test-patients.json")
                .hasMessageMatching(".*: version .*");
    }

    @Test
    void twoPatientsWithOneIdAreRefused() {
        String patient = """
                {"id": "p1", "name": "Ann Lee", "date_of_birth": "1980-01-02", "allergies": [], "current_medications": []}""";
        String json = """
                {"source": "test", "version": "1", "patients": [%s, %s]}""".formatted(patient, patient);

        assertThatThrownBy(() -> loader.load(named(json)))
                .hasMessageContaining("test-patients.json")
                .hasMessageContaining("'p1' appears twice");
    }

    @Test
    void aValueOfTheWrongShapeIsRefusedNamingWhereReadingStopped() {
        String json = file("""
                {"id": "p1", "name": "Ann Lee", "date_of_birth": "not a date", "allergies": [], "current_medications": []}""");

        assertThatThrownBy(() -> loader.load(named(json)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test-patients.json")
                .hasMessageContaining("patients[0].date_of_birth");
    }

    @Test
    void fieldsTheToolsDoNotUseAreIgnored() {
        String json = file("""
                {"id": "p1", "name": "Ann Lee", "date_of_birth": "1980-01-02", "allergies": [],
                 "insurance_id": "AETNA_001", "current_medications": []}""");

        assertThat(loader.load(named(json)).find("p1")).isPresent();
    }

    private static String file(String patient) {
        return """
                {"source": "test", "version": "1", "patients": [%s]}""".formatted(patient);
    }

    private static ByteArrayResource named(String json) {
        return new ByteArrayResource(json.getBytes(StandardCharsets.UTF_8), "test-patients.json");
    }
}
