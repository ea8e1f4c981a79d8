package com.rxflow.tools.coverage;

import java.math.BigDecimal;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A formulary tier: a fixed copay, or a coinsurance percentage (Medicare's specialty tier, 33%).
 *
 * @param tier               1 (cheapest) upwards
 * @param copay              copay per fill, or null
 * @param coinsurancePercent share of the price the patient pays, or null
 * @param description        what the tier means
 */
public record Tier(@Positive int tier, @PositiveOrZero BigDecimal copay, @Positive Integer coinsurancePercent,
        @NotBlank String description) {

    @AssertTrue(message = "must have exactly one of copay and coinsurance_percent")
    boolean isOneKindOfCost() {
        return (copay == null) != (coinsurancePercent == null);
    }
}
