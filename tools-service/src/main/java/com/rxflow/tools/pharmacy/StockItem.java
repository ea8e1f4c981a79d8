package com.rxflow.tools.pharmacy;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * One product a pharmacy stocks.
 *
 * @param drug          catalogue id of the drug
 * @param strength      its strength
 * @param quantity      units on hand (0 = out of stock)
 * @param waitTimeHours how long filling it takes
 * @param price         cash price before promotions, for {@code priceQuantity} units
 * @param priceQuantity units the price is for; null means the drug's usual 30-day quantity
 * @param generic       true for a generic product (the seed treated a missing flag as brand)
 * @param manufacturer  who makes it, where known
 */
public record StockItem(
        @NotBlank String drug,
        @NotBlank String strength,
        @PositiveOrZero int quantity,
        @NotNull @PositiveOrZero Double waitTimeHours,
        @NotNull @PositiveOrZero BigDecimal price,
        @Positive Integer priceQuantity,
        boolean generic,
        String manufacturer) {

    public boolean has(int units) {
        return quantity >= Math.max(units, 1);
    }
}
