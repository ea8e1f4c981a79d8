package com.rxflow.tools.medication;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * One strength a drug comes in, with its RxNorm clinical-drug concept.
 *
 * @param strength    normalised strength, for example {@code 10mg} or {@code 5mg/325mg}
 * @param rxcui       RxNorm concept id of the clinical drug at this strength (SCD)
 * @param name        RxNorm's name of that concept, for example {@code lisinopril 10 MG Oral Tablet}
 * @param rxcuiSource where the code comes from, kept with the data so it can be audited
 */
public record DrugStrength(
        @NotBlank String strength,
        @NotBlank @Pattern(regexp = "^\\d{1,8}$") String rxcui,
        @NotBlank String name,
        @NotBlank String rxcuiSource) {
}
