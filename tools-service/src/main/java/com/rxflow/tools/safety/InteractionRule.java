package com.rxflow.tools.safety;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import com.rxflow.tools.medication.Drug;

/**
 * A documented interaction between two subjects, each a catalogue drug id ({@code warfarin}), a
 * drug class ({@code class:nsaid}) or a substance outside the catalogue ({@code grapefruit juice}).
 *
 * @param a          one side
 * @param b          the other side
 * @param severity   how serious
 * @param effect     what may happen
 * @param management what a pharmacist would advise
 * @param source     where it is documented
 */
public record InteractionRule(
        @NotBlank String a,
        @NotBlank String b,
        @NotNull Severity severity,
        @NotBlank String effect,
        @NotBlank String management,
        @NotBlank String source) {

    private static final String CLASS = "class:";

    /** True when the rule is about these two drugs, in either order. */
    public boolean between(Drug first, Drug second) {
        return (matches(a, first) && matches(b, second)) || (matches(a, second) && matches(b, first));
    }

    private static boolean matches(String subject, Drug drug) {
        return subject.startsWith(CLASS) ? drug.hasClass(subject.substring(CLASS.length())) : subject.equals(drug.id());
    }
}
