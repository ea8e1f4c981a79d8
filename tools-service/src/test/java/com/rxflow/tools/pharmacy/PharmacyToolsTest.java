package com.rxflow.tools.pharmacy;

import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.events.tools.InventoryQuery;
import com.rxflow.events.tools.InventoryStatus;
import com.rxflow.events.tools.PharmacyList;
import com.rxflow.events.tools.PharmacySearch;
import com.rxflow.events.tools.PharmacySummary;
import com.rxflow.tools.TestData;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

class PharmacyToolsTest {

    private final PharmacyNetwork network = TestData.shipped().network();
    private final FindPharmaciesTool find = new FindPharmaciesTool(TestData.patients(), TestData.catalogue(), network,
            TestData.shipped().plans());
    private final CheckInventoryTool inventory = new CheckInventoryTool(TestData.patients(), TestData.catalogue(), network,
            TestData.shipped().plans());

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"Walmart Pharmacy #98765, WALMART_98765", "walmart, WALMART_98765", "CVS Pharmacy on Main Street, CVS_12345",
            "WALMART_98765, WALMART_98765", "walmart_plaza, WALMART_98765", "cvs_main, CVS_12345", "H-E-B, HEB_77777",
            "heb pharmacy, HEB_77777", "Walgreens on Guadalupe, WALGREENS_55555", "costco_warehouse, COSTCO_32100",
            "rite aid, RITEAID_65400", "cvs pharmacy #12345, CVS_12345"})
    void pharmaciesResolveByTheNamesPeopleUse(String name, String id) {
        assertThat(network.resolve(name).id()).isEqualTo(id);
    }

    @Test
    void aNameThatFitsSeveralIsAmbiguousAndAnUnknownOneNotFound() {
        assertThat(catchThrowableOfType(ToolFailure.class, () -> network.resolve("pharmacy on st")).code())
                .isEqualTo(FailureCode.AMBIGUOUS);
        assertThat(catchThrowableOfType(ToolFailure.class, () -> network.resolve("Kroger")).code())
                .isEqualTo(FailureCode.NOT_FOUND);
    }

    @Test
    void byDefaultPharmaciesNearThePatientsHomeNearestFirstWithHoursAndInsurance() {
        PharmacyList list = result(find, invocation("patient_001"), PharmacySearch.newBuilder().build());

        assertThat(list.getPharmacies()).extracting(PharmacySummary::getPharmacyId).containsExactly(
                "CVS_12345", "WALGREENS_55555", "HEB_77777", "RITEAID_65400", "WALMART_98765", "COSTCO_32100");
        PharmacySummary cvs = list.getPharmacies().get(0);
        assertThat(cvs.getDistanceMiles()).isEqualTo(0.0);
        assertThat(cvs.getOpenNow()).isTrue();
        assertThat(cvs.getHoursToday()).isEqualTo("8:00 AM - 10:00 PM");
        assertThat(cvs.getAcceptsPatientInsurance()).isTrue();
        assertThat(cvs.getAddress()).isEqualTo("123 Main St, Austin, TX 78701");
        assertThat(list.getPharmacies().get(1).getDistanceMiles()).isCloseTo(1.23, within(0.02));
        assertThat(list.getPharmacies().get(4).getDistanceMiles()).isCloseTo(3.78, within(0.05));
        PharmacySummary costco = list.getPharmacies().get(5);
        assertThat(costco.getOpenNow()).as("Costco opens at 10:00").isFalse();
        assertThat(costco.getInStock()).as("no medication asked").isNull();
    }

    @Test
    void aRadiusZipOrPointChoosesTheSearchArea() {
        assertThat(result(find, invocation("patient_001"), PharmacySearch.newBuilder().setRadiusMiles(2.0).build())
                .getPharmacies()).extracting(PharmacySummary::getPharmacyId).containsExactly("CVS_12345", "WALGREENS_55555");
        assertThat(result(find, invocation("patient_001"), PharmacySearch.newBuilder().setZip("78745").setRadiusMiles(3.0).build())
                .getPharmacies()).extracting(PharmacySummary::getPharmacyId).containsExactly("WALMART_98765");
        assertThat(result(find, invocation("patient_001"), PharmacySearch.newBuilder().setLatitude(30.3830)
                .setLongitude(-97.7160).setRadiusMiles(1.0).build()).getPharmacies())
                .extracting(PharmacySummary::getPharmacyId).containsExactly("COSTCO_32100");
    }

    @Test
    void openNowFollowsTheToolsClockInThePharmacysTimeZone() {
        Instant sundayNight = Instant.parse("2026-03-09T04:30:00Z"); // Sunday 23:30 in Austin
        PharmacyList list = result(find, TestData.invocation("patient_001", sundayNight, "r"), PharmacySearch.newBuilder().build());

        assertThat(list.getPharmacies()).filteredOn(PharmacySummary::getOpenNow)
                .extracting(PharmacySummary::getPharmacyId).containsExactly("HEB_77777");
    }

    @Test
    void aMedicationAddsStock() {
        PharmacyList list = result(find, invocation("patient_001"),
                PharmacySearch.newBuilder().setMedication("metformin").setStrength("500 mg").setQuantity(60).build());

        PharmacySummary riteAid = list.getPharmacies().stream().filter(p -> p.getPharmacyId().equals("RITEAID_65400"))
                .findFirst().orElseThrow();
        assertThat(riteAid.getInStock()).isFalse();
        assertThat(list.getPharmacies().get(0).getInStock()).isTrue();
        assertThat(list.getPharmacies().get(0).getQuantityOnHand()).isEqualTo(1000);
        assertThat(list.getPharmacies().get(0).getWaitHours()).isEqualTo(0.5);
    }

    @Test
    void walgreensDoesNotBillMedicare() {
        assertThat(network.byId("WALGREENS_55555").orElseThrow().accepts("MEDICARE")).isFalse();
        assertThat(network.byId("WALMART_98765").orElseThrow().accepts("MEDICAID")).isTrue();
    }

    @Test
    void badSearchesFailWithTheirReason() {
        TestData.failure(find, invocation("patient_001"), PharmacySearch.newBuilder().setZip("7870").build(),
                FailureCode.INVALID_ARGUMENTS);
        TestData.failure(find, invocation("patient_001"), PharmacySearch.newBuilder().setZip("10001").build(),
                FailureCode.NOT_FOUND);
        TestData.failure(find, invocation("patient_001"), PharmacySearch.newBuilder().setLatitude(30.0).build(),
                FailureCode.INVALID_ARGUMENTS);
        TestData.failure(find, invocation("patient_001"), PharmacySearch.newBuilder().setRadiusMiles(-1.0).build(),
                FailureCode.INVALID_ARGUMENTS);
    }

    @Test
    void omeprazoleIsInStockAtWalmartNamedByChain() {
        InventoryStatus status = result(inventory, invocation("patient_001"), stock("walmart", "omeprazole", "20mg", 30));

        assertThat(status.getInStock()).isTrue();
        assertThat(status.getPharmacy().getPharmacyId()).isEqualTo("WALMART_98765");
        assertThat(status.getPharmacy().getQuantityOnHand()).isEqualTo(900);
        assertThat(status.getAlternatives()).isEmpty();
    }

    @Test
    void outOfStockOffersTheNearestPharmaciesThatHaveIt() {
        InventoryStatus status = result(inventory, invocation("patient_001"), stock("RITEAID_65400", "metformin", "500 mg", 60));

        assertThat(status.getInStock()).isFalse();
        assertThat(status.getAlternatives()).extracting(PharmacySummary::getPharmacyId)
                .containsExactly("CVS_12345", "WALGREENS_55555", "HEB_77777");
        assertThat(status.getAlternatives()).allSatisfy(p -> assertThat(p.getInStock()).isTrue());
    }

    @Test
    void lorazepamIsStockedNowhere() {
        InventoryStatus status = result(inventory, invocation("patient_001"), stock("CVS_12345", "lorazepam", "0.5mg", 30));

        assertThat(status.getInStock()).isFalse();
        assertThat(status.getAlternatives()).isEmpty();
    }

    private static InventoryQuery stock(String pharmacy, String medication, String strength, int quantity) {
        return InventoryQuery.newBuilder().setPharmacyId(pharmacy).setMedication(medication).setStrength(strength)
                .setQuantity(quantity).build();
    }
}
