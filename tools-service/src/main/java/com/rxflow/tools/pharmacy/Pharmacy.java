package com.rxflow.tools.pharmacy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.rxflow.tools.geo.Address;
import com.rxflow.tools.medication.Strengths;
import com.rxflow.tools.pricing.Promotion;
import com.rxflow.tools.records.Lists;

/**
 * A pharmacy of the network ({@code data/pharmacies.json}).
 *
 * @param id                 stable id, for example {@code WALMART_98765}
 * @param name               display name
 * @param chain              chain name
 * @param aliases            other names it goes by, including the reference's in-code ids
 * @param address            address with coordinates
 * @param phone              phone number
 * @param timeZone           IANA time zone of its opening hours
 * @param hours              opening hours by day range, for example {@code "Mon-Fri": "08:00-22:00"}
 * @param services           services offered
 * @param acceptedInsurance  insurance carriers it bills (see {@code InsurancePlan.carrier})
 * @param membershipRequired true when only members may fill there (a warehouse club)
 * @param promotions         promotions it runs
 * @param inventory          what it stocks
 */
public record Pharmacy(
        @NotBlank @Pattern(regexp = "^[A-Z0-9_]{2,40}$") String id,
        @NotBlank String name,
        @NotBlank String chain,
        @NotNull List<@NotBlank String> aliases,
        @NotNull @Valid Address address,
        String phone,
        @NotBlank String timeZone,
        @NotEmpty Map<String, String> hours,
        @NotNull List<@NotBlank String> services,
        @NotNull List<@NotBlank String> acceptedInsurance,
        boolean membershipRequired,
        @NotNull List<@NotNull @Valid Promotion> promotions,
        @NotNull List<@NotNull @Valid StockItem> inventory) {

    public Pharmacy {
        aliases = Lists.copy(aliases);
        services = Lists.copy(services);
        acceptedInsurance = Lists.copy(acceptedInsurance);
        promotions = Lists.copy(promotions);
        inventory = Lists.copy(inventory);
    }

    /** The stock row of a drug at a strength (any strength when null). */
    public Optional<StockItem> stock(String drug, String strength) {
        return inventory.stream()
                .filter(item -> item.drug().equals(drug))
                .filter(item -> strength == null || Strengths.normalize(item.strength()).equals(Strengths.normalize(strength)))
                .findFirst();
    }

    public boolean accepts(String carrier) {
        return carrier != null && acceptedInsurance.contains(carrier);
    }
}
