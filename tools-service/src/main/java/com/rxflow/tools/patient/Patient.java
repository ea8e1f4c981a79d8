package com.rxflow.tools.patient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * What the pharmacy knows about one patient that the tools use.
 *
 * @param id                 the patient id conversations are bound to
 * @param name               full display name
 * @param dateOfBirth        used to confirm identity before sensitive answers
 * @param allergies          known allergies; empty when the patient has none (never unknown)
 * @param currentMedications current prescriptions, in prescription order
 */
public record Patient(
        @NotBlank String id,
        @NotBlank String name,
        @NotNull LocalDate dateOfBirth,
        @NotNull List<@NotBlank String> allergies,
        @NotNull List<@NotNull @Valid PrescribedMedication> currentMedications) {

    public Patient {
        allergies = unmodifiable(allergies);
        currentMedications = unmodifiable(currentMedications);
    }

    /** The first word of the name, to greet the patient. */
    public String firstName() {
        return name.strip().split("\\s+", 2)[0];
    }

    /** A copy that keeps null elements, so validation, which runs after reading, can name them. */
    private static <T> List<T> unmodifiable(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
