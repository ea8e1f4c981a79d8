package com.rxflow.tools.coverage;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import com.rxflow.tools.records.Lists;

/**
 * How a plan covers one product.
 *
 * @param drug                     catalogue id of the drug
 * @param product                  a brand name when the entry is for the brand product (Lipitor),
 *                                 null for the generic
 * @param tier                     formulary tier
 * @param copay                    copay per fill
 * @param priorAuth                true when prior authorization is required
 * @param quantityLimit            the plan's quantity limit as it states it, or null
 * @param stepTherapy              true when other drugs must be tried first
 * @param stepTherapyAlternatives  the drugs to try first
 */
public record FormularyEntry(
        @NotBlank String drug,
        String product,
        @Positive int tier,
        @NotNull @PositiveOrZero BigDecimal copay,
        boolean priorAuth,
        String quantityLimit,
        boolean stepTherapy,
        @NotNull List<@NotBlank String> stepTherapyAlternatives) {

    public FormularyEntry {
        stepTherapyAlternatives = Lists.copy(stepTherapyAlternatives);
    }
}
