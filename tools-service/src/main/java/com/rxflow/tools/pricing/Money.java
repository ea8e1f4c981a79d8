package com.rxflow.tools.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Amounts as the contracts carry them: decimals with exactly two places (Avro's decimal scale 2). */
public final class Money {

    private Money() {
    }

    /** The amount to the cent, half up; null stays null. */
    public static BigDecimal of(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP);
    }
}
