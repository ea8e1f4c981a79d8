package com.rxflow.tools.safety;

import java.util.List;
import java.util.Locale;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.rxflow.tools.records.Lists;

/**
 * How a recorded allergy ("penicillin", "sulfa drugs") maps to drug classes: the class it names
 * and the related classes that may cross-react.
 *
 * @param names     the words allergy records use for it, lower case
 * @param drugClass the class tag of the drugs to avoid (see {@code Drug.classTags})
 * @param label     the class as a pharmacist says it
 * @param related   related classes and how cautious to be with them
 */
public record AllergenGroup(
        @NotEmpty List<@NotBlank String> names,
        @NotBlank String drugClass,
        @NotBlank String label,
        @NotNull List<@NotNull @Valid Related> related) {

    public AllergenGroup {
        names = Lists.copy(names);
        related = Lists.copy(related);
    }

    public boolean namedBy(String allergy) {
        String lower = allergy.strip().toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(name -> name.equals(lower));
    }

    /**
     * @param drugClass class tag of the related class
     * @param severity  AVOID or CAUTION
     * @param detail    why, for a pharmacist
     */
    public record Related(@NotBlank String drugClass, @NotBlank @Pattern(regexp = "^(AVOID|CAUTION)$") String severity,
            @NotBlank String detail) {
    }
}
