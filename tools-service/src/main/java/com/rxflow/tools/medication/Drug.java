package com.rxflow.tools.medication;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import com.rxflow.tools.records.Lists;

/**
 * A drug of the catalogue ({@code data/drugs.json}): its RxNorm ingredient concept, names, class,
 * strengths and the facts the tools reason with.
 *
 * @param id                 catalogue id, lower case (usually the generic name)
 * @param rxcui              RxNorm concept id of the ingredient
 * @param rxcuiSource        where that code comes from
 * @param genericName        generic name, lower case
 * @param synonyms           other names patients use (combination names, abbreviations)
 * @param brandNames         brand names
 * @param brandRxcuis        RxNorm brand-name concepts, by brand, where known
 * @param drugClass          therapeutic class as a pharmacist says it
 * @param classTags          machine tags of the classes the drug belongs to, used by allergy and
 *                           interaction rules (for example {@code penicillin}, {@code nsaid})
 * @param indications        what it treats
 * @param conditionTerms     how patients name what they take it for ("blood pressure")
 * @param strengths          the strengths it comes in, each with its RxNorm clinical drug
 * @param forms              dosage forms
 * @param usualQuantity      units in a usual 30-day fill
 * @param usualDaysSupply    days a usual fill lasts
 * @param genericPriceMonth  typical generic cash price of a usual fill; null when no generic exists
 * @param brandPriceMonth    typical brand cash price of a usual fill
 * @param directions         usual label directions
 * @param controlledSchedule DEA schedule (II to V) of a controlled substance, otherwise null
 * @param brandOnly          true when only the brand is marketed (no generic)
 */
public record Drug(
        @NotBlank @Pattern(regexp = "^[a-z0-9-]{2,60}$") String id,
        @NotBlank @Pattern(regexp = "^\\d{1,8}$") String rxcui,
        @NotBlank String rxcuiSource,
        @NotBlank String genericName,
        @NotNull List<@NotBlank String> synonyms,
        @NotNull List<@NotBlank String> brandNames,
        @NotNull Map<String, String> brandRxcuis,
        @NotBlank String drugClass,
        @NotNull List<@NotBlank String> classTags,
        @NotNull List<@NotBlank String> indications,
        @NotNull List<@NotBlank String> conditionTerms,
        @NotEmpty List<@NotNull @Valid DrugStrength> strengths,
        @NotEmpty List<@NotBlank String> forms,
        @Positive int usualQuantity,
        @Positive int usualDaysSupply,
        @PositiveOrZero BigDecimal genericPriceMonth,
        @PositiveOrZero BigDecimal brandPriceMonth,
        String directions,
        @Pattern(regexp = "^(II|III|IV|V)$") String controlledSchedule,
        boolean brandOnly) {

    public Drug {
        synonyms = Lists.copy(synonyms);
        brandNames = Lists.copy(brandNames);
        classTags = Lists.copy(classTags);
        indications = Lists.copy(indications);
        conditionTerms = Lists.copy(conditionTerms);
        strengths = Lists.copy(strengths);
        forms = Lists.copy(forms);
    }

    /** Every name the drug is known by: id, generic name, synonyms and brands. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(genericName);
        if (!id.equals(genericName)) {
            names.add(id);
        }
        names.addAll(synonyms);
        names.addAll(brandNames);
        return names;
    }

    public boolean controlled() {
        return controlledSchedule != null;
    }

    public boolean hasClass(String tag) {
        return classTags.contains(tag);
    }

    /** The strength as the catalogue has it, matched after normalising both sides. */
    public Optional<DrugStrength> strength(String stated) {
        String normalized = Strengths.normalize(stated);
        return strengths.stream().filter(s -> Strengths.normalize(s.strength()).equals(normalized)).findFirst();
    }

    /** The strengths as text, for example {@code [10mg, 20mg]}. */
    public List<String> strengthNames() {
        return strengths.stream().map(DrugStrength::strength).toList();
    }
}
