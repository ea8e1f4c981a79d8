package com.rxflow.tools.patient;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;

/** Patient directories for tests: the shipped data file, or a few patients made up in place. */
public final class TestPatients {

    private TestPatients() {
    }

    /** The directory the service loads at start-up, from {@code data/patients.json}. */
    public static PatientDirectory shipped() {
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            return new PatientDataFile(JsonMapper.builder().build(), validation.getValidator())
                    .load(new ClassPathResource("data/patients.json"));
        }
    }

    /** One patient taking the given medications, each at 10mg. */
    public static Patient patient(String id, String name, String... medications) {
        return new Patient(id, name, LocalDate.of(1980, 1, 2), List.of(),
                Arrays.stream(medications)
                        .map(medication -> new PrescribedMedication(medication, "10mg", null, null))
                        .toList());
    }

    public static PatientDirectory of(Patient... patients) {
        return new InMemoryPatientDirectory("test-data", "test-1", List.of(patients));
    }
}
