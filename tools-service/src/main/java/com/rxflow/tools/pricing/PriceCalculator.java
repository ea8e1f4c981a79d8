package com.rxflow.tools.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.rxflow.tools.medication.Drug;
import com.rxflow.tools.pharmacy.Pharmacy;
import com.rxflow.tools.pharmacy.PharmacyNetwork;
import com.rxflow.tools.pharmacy.StockItem;

/**
 * Cash prices with the pharmacies' promotions applied by their stated rules, deterministically.
 *
 * <ul>
 *   <li>The stock row's price is for its price quantity (the drug's usual 30-day quantity unless
 *       stated); other quantities scale linearly.</li>
 *   <li>A promotion applies when it is still valid and its {@code applies_to} names the purchase:
 *       {@code all}; {@code generic} for a generic row (a row without the flag counts as brand,
 *       as in the seed); {@code brand} for a brand row; {@code club_member} when the patient is a
 *       member; {@code 90_day_supply} when the quantity is at least three usual fills. The seed
 *       tags CVS's "senior discount" {@code all}, so it applies to everyone, as the reference's
 *       acceptance table (Eliquis at CVS $382.50) relies on.</li>
 *   <li>Only the largest single discount applies (no stacking): a percentage takes that share
 *       off; a fixed price ($4 generics, per usual fill) takes off whatever the price exceeds it by.</li>
 *   <li>The final price is rounded half up to the cent (Walgreens lisinopril 14.50 less 5% is
 *       13.78).</li>
 *   <li>A pharmacy that requires membership (a warehouse club) is offered only to members.</li>
 *   <li>Offers are sorted by final price, then by the larger saving, then by pharmacy id.</li>
 * </ul>
 */
public final class PriceCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private PriceCalculator() {
    }

    public static List<Quote> quotes(PharmacyNetwork network, Drug drug, String strength, int quantity,
            boolean clubMember, LocalDate today) {
        List<Quote> quotes = new ArrayList<>();
        for (Pharmacy pharmacy : network.all()) {
            if (pharmacy.membershipRequired() && !clubMember) {
                continue;
            }
            pharmacy.stock(drug.id(), strength)
                    .ifPresent(item -> quotes.add(quote(pharmacy, item, drug, quantity, clubMember, today)));
        }
        quotes.sort(Comparator.comparing(Quote::finalPrice)
                .thenComparing(Comparator.comparing(Quote::saving).reversed())
                .thenComparing(quote -> quote.pharmacy().id()));
        return quotes;
    }

    public static Quote quote(Pharmacy pharmacy, StockItem item, Drug drug, int quantity, boolean clubMember,
            LocalDate today) {
        int priceQuantity = item.priceQuantity() != null ? item.priceQuantity() : drug.usualQuantity();
        BigDecimal base = item.price().multiply(BigDecimal.valueOf(quantity))
                .divide(BigDecimal.valueOf(priceQuantity), 2, RoundingMode.HALF_UP);
        boolean ninetyDays = quantity >= 3 * drug.usualQuantity();
        Promotion best = null;
        BigDecimal bestPrice = base;
        for (Promotion promotion : pharmacy.promotions()) {
            if (!promotion.validOn(today) || !appliesTo(promotion, item, clubMember, ninetyDays)) {
                continue;
            }
            BigDecimal price = priceUnder(promotion, base, quantity, drug.usualQuantity());
            if (price.compareTo(bestPrice) < 0) {
                best = promotion;
                bestPrice = price;
            }
        }
        return new Quote(pharmacy, item, base, bestPrice, best, item.has(quantity));
    }

    private static boolean appliesTo(Promotion promotion, StockItem item, boolean clubMember, boolean ninetyDays) {
        for (String purchase : promotion.appliesTo()) {
            boolean applies = switch (purchase) {
                case "all" -> true;
                case "generic" -> item.generic();
                case "brand" -> !item.generic();
                case "club_member" -> clubMember;
                case "90_day_supply" -> ninetyDays;
                default -> false;
            };
            if (applies) {
                return true;
            }
        }
        return false;
    }

    private static BigDecimal priceUnder(Promotion promotion, BigDecimal base, int quantity, int usualQuantity) {
        if (promotion.discountPercent() != null) {
            BigDecimal share = BigDecimal.ONE.subtract(promotion.discountPercent().divide(HUNDRED));
            return base.multiply(share).setScale(2, RoundingMode.HALF_UP);
        }
        BigDecimal fixed = promotion.fixedPrice().multiply(BigDecimal.valueOf(quantity))
                .divide(BigDecimal.valueOf(usualQuantity), 2, RoundingMode.HALF_UP);
        return fixed.min(base);
    }

    /**
     * What one pharmacy charges.
     *
     * @param promotion the promotion applied, or null
     * @param inStock   true when the pharmacy has the quantity on hand
     */
    public record Quote(Pharmacy pharmacy, StockItem item, BigDecimal basePrice, BigDecimal finalPrice,
            Promotion promotion, boolean inStock) {

        public BigDecimal saving() {
            return basePrice.subtract(finalPrice);
        }

        public Optional<Promotion> applied() {
            return Optional.ofNullable(promotion);
        }
    }
}
