package com.rxflow.tools.patient;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.rxflow.tools.geo.Address;
import com.rxflow.tools.records.Lists;

/**
 * What the pharmacy knows about one patient that the tools use.
 *
 * @param id                    the patient id conversations are bound to
 * @param name                  full display name
 * @param dateOfBirth           used to confirm identity and for age-based rules
 * @param insurancePlanId       the plan (an id of {@code data/plans.json}); null when uninsured
 * @param address               home address with coordinates, the default search point
 * @param phone                 phone number
 * @param allergies             recorded allergies; empty when the patient has none (never unknown)
 * @param conditions            recorded conditions
 * @param medications           current prescriptions, in prescription order
 * @param priorAuthorizations   catalogue ids of drugs with an approved prior authorization on file
 */
public record Patient(
        @NotBlank @Pattern(regexp = "^[A-Za-z0-9_]{1,20}$") String id,
        @NotBlank String name,
        @NotNull LocalDate dateOfBirth,
        String insurancePlanId,
        @Valid Address address,
        String phone,
        @NotNull List<@NotBlank String> allergies,
        @NotNull List<@NotBlank String> conditions,
        @NotNull List<@NotNull @Valid Prescription> medications,
        @NotNull List<@NotBlank String> priorAuthorizations) {

    public Patient {
        allergies = Lists.copy(allergies);
        conditions = Lists.copy(conditions);
        medications = Lists.copy(medications);
        priorAuthorizations = Lists.copy(priorAuthorizations);
    }

    /** The first word of the name, to greet the patient. */
    public String firstName() {
        return name.strip().split("\\s+", 2)[0];
    }

    /** The last words of the name. */
    public String lastName() {
        String[] parts = name.strip().split("\\s+", 2);
        return parts.length > 1 ? parts[1] : "";
    }

    public int ageOn(LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }
}
