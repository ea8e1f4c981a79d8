package com.rxflow.tools.pharmacy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.tools.coverage.InsurancePlan;
import com.rxflow.tools.geo.GeoPoint;
import com.rxflow.tools.medication.Drug;

/**
 * A pharmacy as the assistant offers it: distance from the search point (haversine over the
 * data's coordinates), open now (its opening hours in its time zone, at the tool's clock),
 * whether it bills the patient's plan, its services and, when a drug is asked about, its stock.
 */
public final class PharmacySummaries {

    private final PharmacyNetwork network;

    public PharmacySummaries(PharmacyNetwork network) {
        this.network = network;
    }

    /**
     * @param from     the search point, or null
     * @param plan     the patient's plan, or null
     * @param drug     the drug whose stock to report, or null
     * @param strength its strength, or null for any
     * @param quantity units needed (0 for any)
     */
    public PharmacySummary of(Pharmacy pharmacy, Instant now, GeoPoint from, InsurancePlan plan, Drug drug,
            String strength, int quantity) {
        ZonedDateTime local = now.atZone(ZoneId.of(pharmacy.timeZone()));
        OpeningHours hours = network.hours(pharmacy);
        Optional<StockItem> item = drug == null ? Optional.empty() : pharmacy.stock(drug.id(), strength);
        PharmacySummary.Builder summary = PharmacySummary.newBuilder()
                .setPharmacyId(pharmacy.id())
                .setName(pharmacy.name())
                .setChain(pharmacy.chain())
                .setAddress(pharmacy.address().oneLine())
                .setPhone(pharmacy.phone())
                .setDistanceMiles(from == null ? null : Math.round(from.milesTo(pharmacy.address().point()) * 100) / 100.0)
                .setOpenNow(hours.isOpen(local))
                .setHoursToday(hours.describe(local.getDayOfWeek()))
                .setAcceptsPatientInsurance(plan == null ? null : pharmacy.accepts(plan.carrier()))
                .setServices(pharmacy.services());
        if (drug != null) {
            summary.setInStock(item.map(stock -> stock.has(quantity)).orElse(false))
                    .setQuantityOnHand(item.map(StockItem::quantity).orElse(0))
                    .setWaitHours(item.map(StockItem::waitTimeHours).orElse(null));
        }
        return summary.build();
    }
}
