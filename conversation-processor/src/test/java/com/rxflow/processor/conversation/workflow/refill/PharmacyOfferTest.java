package com.rxflow.processor.conversation.workflow.refill;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.PharmacyOption;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.events.tools.PriceOffer;

class PharmacyOfferTest {

    @Test
    void theCheapestInStockIsOfferedEvenWhenItIsNotAmongTheNearest() {
        List<PharmacySummary> nearestFirst = List.of(pharmacy("A", 0.1), pharmacy("B", 1.0), pharmacy("C", 2.0),
                pharmacy("D", 3.0), pharmacy("E", 4.0));
        List<PriceOffer> offers = List.of(offer("A", "13.60"), offer("B", "16.72"), offer("C", "16.00"),
                offer("D", "17.50"), offer("E", "9.60"));

        List<PharmacyOption> options = Pharmacies.offered(nearestFirst, offers);

        assertThat(options).extracting(PharmacyOption::getPharmacyId).containsExactly("A", "B", "C", "E");
    }

    @Test
    void theNearestAreOfferedWhenTheCheapestIsAmongThem() {
        List<PharmacySummary> nearestFirst = List.of(pharmacy("A", 0.1), pharmacy("B", 1.0), pharmacy("C", 2.0),
                pharmacy("D", 3.0), pharmacy("E", 4.0));
        List<PriceOffer> offers = List.of(offer("A", "9.60"), offer("E", "4.00"), offer("B", "12.00"));

        assertThat(Pharmacies.offered(nearestFirst.subList(0, 4), offers))
                .extracting(PharmacyOption::getPharmacyId).containsExactly("A", "B", "C", "D");
    }

    @Test
    void aPharmacyOutOfStockIsNeverOffered() {
        PharmacySummary empty = PharmacySummary.newBuilder(pharmacy("E", 4.0)).setInStock(false).build();

        assertThat(Pharmacies.offered(List.of(pharmacy("A", 0.1), empty),
                List.of(offer("A", "13.60"), offer("E", "1.00"))))
                .extracting(PharmacyOption::getPharmacyId).containsExactly("A");
    }

    private static PharmacySummary pharmacy(String id, double miles) {
        return PharmacySummary.newBuilder().setPharmacyId(id).setName("Pharmacy " + id).setAddress(id + " Street")
                .setDistanceMiles(miles).setInStock(true).build();
    }

    private static PriceOffer offer(String id, String price) {
        BigDecimal amount = new BigDecimal(price);
        return PriceOffer.newBuilder().setPharmacyId(id).setPharmacyName("Pharmacy " + id).setBasePrice(amount)
                .setFinalPrice(amount).setGeneric(true).setInStock(true).build();
    }
}
