package com.rxflow.tools.patient;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import com.rxflow.tools.records.Lists;
import com.rxflow.tools.records.RelativeDate;

/**
 * A prescription a patient currently has, with its fill history and the facts the refill rules
 * need. Dates may be relative to today (see {@link RelativeDate}); every question about them takes
 * today's date.
 *
 * @param drug                 catalogue id of the drug; null when a pharmacy system names a drug the
 *                             catalogue does not know
 * @param name                 name as prescribed (generic or brand), lower case
 * @param strength             strength as prescribed, for example {@code 10mg}
 * @param form                 dosage form
 * @param directions           label directions
 * @param condition            what the patient takes it for
 * @param quantity             units per fill
 * @param daysSupply           days one fill lasts
 * @param refillsRemaining     refills left
 * @param prescriber           prescriber's display name
 * @param started              when the patient started the drug
 * @param written              when this prescription was written
 * @param expires              the last day it may be filled
 * @param requiresDoctorReview true when the prescriber must review before any refill
 * @param fills                dispensings, any order
 */
public record Prescription(
        String drug,
        @NotBlank String name,
        @NotBlank String strength,
        String form,
        String directions,
        String condition,
        @Positive int quantity,
        @Positive int daysSupply,
        @PositiveOrZero int refillsRemaining,
        String prescriber,
        LocalDate started,
        RelativeDate written,
        RelativeDate expires,
        boolean requiresDoctorReview,
        @NotNull List<@NotNull @Valid Fill> fills) {

    /** A refill is early while less than this share of the last fill's days supply has elapsed. */
    public static final double REFILL_DUE_SHARE = 0.75;

    public Prescription {
        fills = Lists.copy(fills);
    }

    public Optional<LocalDate> lastFilled(LocalDate today) {
        return lastFill(today).map(fill -> fill.date().on(today));
    }

    public Optional<Fill> lastFill(LocalDate today) {
        return fills.stream().max(Comparator.comparing(fill -> fill.date().on(today)));
    }

    public Optional<LocalDate> expiresOn(LocalDate today) {
        return Optional.ofNullable(expires).map(date -> date.on(today));
    }

    /** True once the last day it may be filled has passed. */
    public boolean expired(LocalDate today) {
        return expiresOn(today).map(last -> last.isBefore(today)).orElse(false);
    }

    /** The first day a refill is not early: last fill + 75% of its days supply, rounded up. */
    public Optional<LocalDate> refillDueFrom(LocalDate today) {
        return lastFill(today).map(fill -> fill.date().on(today)
                .plusDays((long) Math.ceil(fill.daysSupply() * REFILL_DUE_SHARE)));
    }

    public boolean refillTooEarly(LocalDate today) {
        return refillDueFrom(today).map(today::isBefore).orElse(false);
    }

    /** True when the prescriber must write a new one: no refill left or expired. */
    public boolean needsNewPrescription(LocalDate today) {
        return refillsRemaining == 0 || expired(today);
    }
}
