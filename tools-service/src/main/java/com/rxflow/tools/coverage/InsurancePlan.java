package com.rxflow.tools.coverage;

import java.math.BigDecimal;
import java.util.List;
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
 * An insurance plan ({@code data/plans.json}). The reference kept two formularies that did not
 * meet: the data file keyed plans by id ({@code BCBS_TX_001}), the tools by display name
 * ("BlueCross Shield"), so every default lookup said "not covered". Here one plan has one id
 * (the one patients carry), the display names it was known by as aliases, the data file's
 * formulary and tier table, and the in-code deductibles.
 *
 * @param id                 plan id, as patients carry it
 * @param name               display name
 * @param type               commercial or medicare
 * @param carrier            the carrier pharmacies bill, matched against {@code Pharmacy.acceptedInsurance}
 * @param aliases            other names the plan went by
 * @param annualDeductible   annual deductible
 * @param outOfPocketMax     annual out-of-pocket maximum
 * @param deductibleFromTier the deductible applies to this tier and above (the reference: 3)
 * @param tiers              the tier table
 * @param formulary          covered products
 * @param priorAuth          prior-authorization requirements by drug
 */
public record InsurancePlan(
        @NotBlank @Pattern(regexp = "^[A-Z0-9_]{2,40}$") String id,
        @NotBlank String name,
        @NotBlank String type,
        @NotBlank String carrier,
        @NotNull List<@NotBlank String> aliases,
        @PositiveOrZero BigDecimal annualDeductible,
        @PositiveOrZero BigDecimal outOfPocketMax,
        @Positive int deductibleFromTier,
        @NotEmpty List<@NotNull @Valid Tier> tiers,
        @NotNull List<@NotNull @Valid FormularyEntry> formulary,
        @NotNull List<@NotNull @Valid PriorAuthPolicy> priorAuth) {

    public InsurancePlan {
        aliases = Lists.copy(aliases);
        tiers = Lists.copy(tiers);
        formulary = Lists.copy(formulary);
        priorAuth = Lists.copy(priorAuth);
    }

    /**
     * The entry for a drug: the brand product's when a brand was named and the plan lists it,
     * otherwise the generic's, otherwise the only product listed (Eliquis has no generic).
     */
    public Optional<FormularyEntry> entry(String drug, String brand) {
        List<FormularyEntry> entries = formulary.stream().filter(e -> e.drug().equals(drug)).toList();
        if (brand != null) {
            Optional<FormularyEntry> branded = entries.stream().filter(e -> brand.equalsIgnoreCase(e.product())).findFirst();
            if (branded.isPresent()) {
                return branded;
            }
        }
        return entries.stream().filter(e -> e.product() == null).findFirst()
                .or(() -> entries.stream().findFirst());
    }

    public Optional<Tier> tier(int tier) {
        return tiers.stream().filter(t -> t.tier() == tier).findFirst();
    }

    public Optional<PriorAuthPolicy> priorAuthFor(String drug) {
        return priorAuth.stream().filter(policy -> policy.drug().equals(drug)).findFirst();
    }

    public boolean deductibleApplies(FormularyEntry entry) {
        return annualDeductible != null && annualDeductible.signum() > 0 && entry.tier() >= deductibleFromTier;
    }
}
