package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.orders.PharmacyOrderPlaced;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.orders.OrderBook;
import com.rxflow.tools.orders.OrderBookFeed;
import com.rxflow.tools.orders.OrderBookHealthIndicator;

/** On a real broker the order book's feed catches up, follows the topic and reports UP with its counts. */
@ToolsServiceKafkaTest
class OrderBookFeedKafkaTest {

    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private TopicCatalogue catalogue;
    @Autowired
    private OrderBookFeed feed;
    @Autowired
    private OrderBook book;
    @Autowired
    private OrderBookHealthIndicator health;

    @Test
    void theFeedFollowsThePharmacyOrdersTopicAndReportsUpWithWhatItApplied() {
        await().atMost(BrokerClients.PATIENCE).until(() -> feed.status().state() == OrderBookFeed.State.FOLLOWING);
        String orderId = "RX-" + UUID.randomUUID();

        new BrokerClients(broker).sendBytes(catalogue.name(TopicCatalogue.PHARMACY_ORDERS), orderId,
                AvroCodec.shared().encode(placed(orderId)));

        await().atMost(BrokerClients.PATIENCE).until(() -> book.find(orderId).isPresent());
        Health up = health.health(true);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("state", "FOLLOWING");
        assertThat((Long) up.getDetails().get("applied")).isPositive();
    }

    private static PharmacyOrderEvent placed(String orderId) {
        Instant now = Instant.now();
        OrderSummary order = OrderSummary.newBuilder().setOrderId(orderId).setMedication("omeprazole")
                .setStrength("20mg").setQuantity(30).setPharmacyId("walmart").setPharmacyName("Walmart Pharmacy")
                .setStatus("RECEIVED").setPlacedAt(now).build();
        return PharmacyOrderEvent.newBuilder()
                .setMetadata(Metadata.start("conv-" + orderId, "patient_001", "m-yes", "test", now))
                .setType(PharmacyOrderEventType.ORDER_PLACED)
                .setPlaced(PharmacyOrderPlaced.newBuilder().setRequestId("req-" + orderId).setPatientId("patient_001")
                        .setOrder(order).setConfirmationMessageId("m-yes").build())
                .build();
    }
}
