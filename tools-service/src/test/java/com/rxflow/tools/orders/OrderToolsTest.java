package com.rxflow.tools.orders;

import static com.rxflow.tools.TestData.NOW;
import static com.rxflow.tools.TestData.invocation;
import static com.rxflow.tools.TestData.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.tools.CancelOrder;
import com.rxflow.events.tools.OrderCancelled;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.OrderStatusQuery;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.events.tools.RenewalRequest;
import com.rxflow.events.tools.RenewalRequested;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.TestData;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Publication;
import com.rxflow.tools.registry.ToolOutcome;

class OrderToolsTest {

    private final OrderBook book = new OrderBook();
    private final PlaceOrderTool place = new PlaceOrderTool(TestData.patients(), TestData.catalogue(),
            TestData.shipped().network(), TestData.shipped().plans());
    private final OrderStatusTool status = new OrderStatusTool(book);
    private final CancelOrderTool cancel = new CancelOrderTool(book);
    private final RequestRenewalTool renewal = new RequestRenewalTool(TestData.patients(), TestData.catalogue());

    @Test
    void omeprazoleAtWalmartIsOrderedWithAnIdFromTheRequestAndAPickupFromTheWaitTime() {
        ToolOutcome.Completed<OrderPlaced> placed = TestData.completed(place,
                TestData.invocation("patient_001", NOW, "req-42"), order("omeprazole", "20 mg", 30, "Walmart Pharmacy #98765"));

        OrderSummary order = placed.result().getOrder();
        assertThat(order.getOrderId()).isEqualTo(OrderIds.order("req-42")).startsWith("RX-").hasSize(15);
        assertThat(order.getStatus()).isEqualTo("RECEIVED");
        assertThat(order.getPharmacyId()).isEqualTo("WALMART_98765");
        assertThat(order.getPlacedAt()).isEqualTo(NOW);
        assertThat(order.getPickupAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(placed.result().getPrice()).isEqualTo(new BigDecimal("9.60"));
        assertThat(placed.result().getCopay()).isEqualTo(new BigDecimal("10.00"));
        assertThat(placed.result().getPharmacy().getAddress()).isEqualTo("4515 S Lamar Blvd, Austin, TX 78745");

        Publication publication = placed.publications().get(0);
        assertThat(publication.topic()).isEqualTo(TopicCatalogue.PHARMACY_ORDERS);
        assertThat(publication.key()).isEqualTo(order.getOrderId());
        PharmacyOrderEvent event = (PharmacyOrderEvent) publication.value();
        assertThat(event.getType()).isEqualTo(PharmacyOrderEventType.ORDER_PLACED);
        assertThat(event.getPlaced().getPatientId()).isEqualTo("patient_001");
        assertThat(event.getPlaced().getRxcui()).isEqualTo("198053");
        assertThat(event.getPlaced().getConfirmationMessageId()).isEqualTo("m-yes");
        assertThat(event.getMetadata().getCausationId()).isNotNull();
        // the same request again gives the same id: idempotent end to end with the request log
        assertThat(TestData.result(place, TestData.invocation("patient_001", NOW.plusSeconds(60), "req-42"),
                order("omeprazole", "20mg", 30, "WALMART_98765")).getOrder().getOrderId()).isEqualTo(order.getOrderId());
    }

    @Test
    void eachReasonARefillMayNotGoAheadHasItsCode() {
        TestData.failure(place, invocation("patient_001"), order("lisinopril", "10mg", 30, "CVS Pharmacy on Main Street"),
                FailureCode.PRESCRIPTION_EXPIRED);
        TestData.failure(place, invocation("patient_001"), order("metformin", "500mg", 60, "walmart"), FailureCode.NO_REFILLS_REMAINING);
        TestData.failure(place, invocation("patient_001"), order("lorazepam", "0.5mg", 30, "walmart"),
                FailureCode.PRESCRIBER_REVIEW_REQUIRED);
        TestData.failure(place, invocation("patient_001"), order("famotidine", "20mg", 60, "walmart"), FailureCode.REFILL_TOO_EARLY);
        TestData.failure(place, invocation("patient_001"), order("meloxicam", "15mg", 30, "walmart"), FailureCode.REFILL_TOO_EARLY);
        TestData.failure(place, invocation("patient_002"), order("Eliquis", "5mg", 60, "CVS_12345"),
                FailureCode.PRIOR_AUTHORIZATION_REQUIRED);
        TestData.failure(place, invocation("patient_001"), order("omeprazole", "40mg", 30, "walmart"), FailureCode.NOT_PRESCRIBED);
        TestData.failure(place, invocation("patient_001"), order("omeprazole", "20mg", 90, "walmart"), FailureCode.NOT_PRESCRIBED);
        TestData.failure(place, invocation("patient_001"), order("hydrocodone", "5mg/325mg", 20, "walmart"), FailureCode.NOT_PRESCRIBED);
        TestData.failure(place, invocation("patient_001"), order("omeprazole", "20mg", 30, "Kroger"), FailureCode.NOT_FOUND);
        TestData.failure(place, invocation("patient_001"), order("omeprazole", "20mg", 0, "walmart"), FailureCode.INVALID_ARGUMENTS);
    }

    @Test
    void aPharmacyWithoutTheQuantityIsOutOfStockNamingOnesThatHaveIt() {
        assertThat(TestData.failure(place, invocation("patient_001"), order("methocarbamol", "500mg", 60, "rite aid"),
                FailureCode.OUT_OF_STOCK).getMessage()).contains("CVS_12345", "WALMART_98765").doesNotContain("COSTCO");
        assertThat(TestData.result(place, invocation("patient_001"), order("methocarbamol", "500mg", 60, "HEB_77777"))
                .getOrder().getPharmacyName()).isEqualTo("H-E-B Pharmacy #77777");
    }

    @Test
    void statusFollowsTheClockAndTheOrderCanBeCancelledOnce() {
        OrderPlaced placed = placeOmeprazole("req-7");

        assertThat(statusAt(NOW.plus(Duration.ofMinutes(1)), placed).getStatus()).isEqualTo("RECEIVED");
        assertThat(statusAt(NOW.plus(Duration.ofMinutes(10)), placed).getStatus()).isEqualTo("PROCESSING");
        assertThat(statusAt(NOW.plus(Duration.ofMinutes(31)), placed).getStatus()).isEqualTo("READY");

        ToolOutcome.Completed<OrderCancelled> cancelled = TestData.completed(cancel,
                TestData.invocation("patient_001", NOW.plus(Duration.ofMinutes(40)), "req-8"), cancelOf(placed));
        assertThat(cancelled.result().getOrder().getStatus()).isEqualTo("CANCELLED");
        PharmacyOrderEvent event = (PharmacyOrderEvent) cancelled.publications().get(0).value();
        assertThat(event.getType()).isEqualTo(PharmacyOrderEventType.ORDER_CANCELLED);
        book.apply(event);
        assertThat(statusAt(NOW.plus(Duration.ofHours(2)), placed).getStatus()).isEqualTo("CANCELLED");
        TestData.failure(cancel, invocation("patient_001"), cancelOf(placed), FailureCode.NOT_CANCELLABLE);
    }

    @Test
    void anotherPatientsOrderIsNeitherShownNorCancelled() {
        OrderPlaced placed = placeOmeprazole("req-9");

        TestData.failure(status, invocation("patient_002"), OrderStatusQuery.newBuilder().setOrderId(placed.getOrder().getOrderId()).build(),
                FailureCode.OTHER_PATIENT);
        TestData.failure(cancel, invocation("patient_002"), cancelOf(placed), FailureCode.OTHER_PATIENT);
        assertThat(result(status, invocation("patient_002"), OrderStatusQuery.newBuilder().build()).getOrders()).isEmpty();
        assertThat(result(status, invocation("patient_001"), OrderStatusQuery.newBuilder().build()).getOrders()).hasSize(1);
        TestData.failure(status, invocation("patient_001"), OrderStatusQuery.newBuilder().setOrderId("RX-UNKNOWN").build(),
                FailureCode.NOT_FOUND);
    }

    @Test
    void aRenewalGoesToThePrescriberWithAnIdFromTheRequest() {
        ToolOutcome.Completed<RenewalRequested> requested = TestData.completed(renewal,
                TestData.invocation("patient_001", NOW, "req-11"),
                RenewalRequest.newBuilder().setMedication("metformin").setReasonCode("NO_REFILLS").build());

        assertThat(requested.result().getRenewalId()).isEqualTo(OrderIds.renewal("req-11"));
        assertThat(requested.result().getPrescriber()).isEqualTo("Dr. Sarah Johnson");
        assertThat(requested.result().getStatus()).isEqualTo("SENT");
        PharmacyOrderEvent event = (PharmacyOrderEvent) requested.publications().get(0).value();
        assertThat(event.getType()).isEqualTo(PharmacyOrderEventType.RENEWAL_REQUESTED);
        assertThat(event.getRenewalRequested().getRxcui()).isEqualTo("861007");
        TestData.failure(renewal, invocation("patient_001"),
                RenewalRequest.newBuilder().setMedication("metformin").setReasonCode("BORED").build(), FailureCode.INVALID_ARGUMENTS);
    }

    private OrderPlaced placeOmeprazole(String requestId) {
        ToolOutcome.Completed<OrderPlaced> placed = TestData.completed(place, TestData.invocation("patient_001", NOW, requestId),
                order("omeprazole", "20mg", 30, "WALMART_98765"));
        book.apply((PharmacyOrderEvent) placed.publications().get(0).value());
        return placed.result();
    }

    private OrderSummary statusAt(Instant at, OrderPlaced placed) {
        return result(status, TestData.invocation("patient_001", at, "r"),
                OrderStatusQuery.newBuilder().setOrderId(placed.getOrder().getOrderId()).build()).getOrders().get(0);
    }

    private static CancelOrder cancelOf(OrderPlaced placed) {
        return CancelOrder.newBuilder().setOrderId(placed.getOrder().getOrderId()).build();
    }

    private static PlaceOrder order(String medication, String strength, int quantity, String pharmacy) {
        return PlaceOrder.newBuilder().setMedication(medication).setStrength(strength).setQuantity(quantity)
                .setPharmacyId(pharmacy).setConfirmationMessageId("m-yes").build();
    }
}
