package com.rxflow.tools.patient;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import com.rxflow.tools.records.RelativeDate;

/**
 * One dispensing of a prescription: the facts adherence (proportion of days covered) is computed from.
 *
 * @param date       when it was handed over
 * @param quantity   units dispensed
 * @param daysSupply days it lasts when taken as directed
 */
public record Fill(@NotNull RelativeDate date, @Positive int quantity, @Positive int daysSupply) {
}
