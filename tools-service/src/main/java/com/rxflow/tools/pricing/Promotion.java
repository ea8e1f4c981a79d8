package com.rxflow.tools.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import com.rxflow.tools.records.Lists;
import com.rxflow.tools.records.RelativeDate;

/**
 * A pharmacy promotion as the pharmacy states it: a percentage off or a fixed price, the
 * purchases it applies to, and until when.
 *
 * @param id              stable id
 * @param description     as the pharmacy words it
 * @param discountPercent percentage off the cash price; null for a fixed-price promotion
 * @param fixedPrice      price of a usual 30-day fill under the promotion; null for a percentage
 * @param appliesTo       {@code all}, {@code generic}, {@code brand}, {@code club_member} (savings club
 *                        members) or {@code 90_day_supply} (fills of 90 days or more)
 * @param validUntil      {@code ongoing}, a date, or days from today ({@code +365d})
 */
public record Promotion(
        @NotBlank String id,
        @NotBlank String description,
        @Positive @DecimalMax("100") BigDecimal discountPercent,
        @Positive BigDecimal fixedPrice,
        @NotEmpty List<@NotNull @Pattern(regexp = "^(all|generic|brand|club_member|90_day_supply)$") String> appliesTo,
        @NotBlank @Pattern(regexp = "^(ongoing|today|[+-]\\d{1,5}d|\\d{4}-\\d{2}-\\d{2})$") String validUntil) {

    public Promotion {
        appliesTo = Lists.copy(appliesTo);
    }

    @AssertTrue(message = "must have exactly one of discount_percent and fixed_price")
    boolean isOneKindOfDiscount() {
        return (discountPercent == null) != (fixedPrice == null);
    }

    public boolean validOn(LocalDate today) {
        return validUntil.equals("ongoing") || !RelativeDate.parse(validUntil).on(today).isBefore(today);
    }
}
