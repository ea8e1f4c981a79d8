package com.rxflow.tools.patient;

import jakarta.validation.constraints.NotBlank;

/**
 * One medication a patient currently takes.
 *
 * @param name       medication name as prescribed (generic or brand)
 * @param strength   strength as prescribed, for example {@code 10mg}
 * @param rxnormCode RxNorm concept id where known, otherwise null
 * @param prescriber prescriber's display name where known, otherwise null
 */
public record PrescribedMedication(
        @NotBlank String name,
        @NotBlank String strength,
        String rxnormCode,
        String prescriber) {
}
