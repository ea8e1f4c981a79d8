package com.rxflow.tools.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.ConsumerFactory;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.orders.PharmacyOrderPlaced;
import com.rxflow.events.tools.OrderSummary;

/**
 * The order book's feed reports where it is to health: UP while it follows the topic, DOWN with
 * the cause once its consumer failed (before, the feed stopped with a log line and health stayed
 * UP), OUT_OF_SERVICE once stopped. An event the book cannot apply is skipped, not fatal.
 */
class OrderBookFeedHealthTest {

    private static final String TOPIC = "rxflow.pharmacy-orders";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, Object> consumer = new MockConsumer<>("earliest");
    private final OrderBook book = new OrderBook();
    private final OrderBookFeed feed = new OrderBookFeed(consumers(), TOPIC, book);
    private final OrderBookHealthIndicator health = new OrderBookHealthIndicator(feed, book);

    @AfterEach
    void stop() {
        feed.stop();
    }

    @Test
    void theFeedIsUpOnceItHasReadTheTopicAndFollowsIt() {
        topicWith(placed("o-1"), placed("o-2"));

        feed.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> feed.status().state() == OrderBookFeed.State.FOLLOWING);
        Health up = health.health(true);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("state", "FOLLOWING").containsEntry("orders", 2)
                .containsEntry("applied", 2L);
    }

    @Test
    void aConsumerThatFailsTurnsHealthDownWithTheCauseInsteadOfStoppingSilently() {
        topicWith(placed("o-1"));
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.status().state() == OrderBookFeed.State.FOLLOWING);

        consumer.setPollException(new KafkaException("Not authorized to access topics: [" + TOPIC + "]"));

        await().atMost(Duration.ofSeconds(10)).until(() -> feed.status().state() == OrderBookFeed.State.FAILED);
        Health down = health.health(true);
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("state", "FAILED").containsEntry("orders", 1);
        assertThat((String) down.getDetails().get("cause")).contains("KafkaException", "Not authorized");
        assertThat((String) down.getDetails().get("reason")).contains("no new orders");
    }

    @Test
    void anEventTheBookCannotApplyIsSkippedAndCountedAndTheFeedGoesOn() {
        PharmacyOrderEvent broken = placed("o-1");
        broken.getPlaced().setOrder(null);
        topicWith(broken, placed("o-2"));

        feed.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> feed.status().state() == OrderBookFeed.State.FOLLOWING);
        assertThat(book.find("o-2")).isPresent();
        Health up = health.health(true);
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails()).containsEntry("skipped", 1L).containsEntry("applied", 1L);
    }

    @Test
    void aStoppedFeedIsOutOfService() {
        topicWith();
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.status().state() == OrderBookFeed.State.FOLLOWING);

        feed.stop();

        assertThat(feed.status().state()).isEqualTo(OrderBookFeed.State.STOPPED);
        assertThat(health.health(true).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    private void topicWith(PharmacyOrderEvent... events) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, (long) events.length));
        consumer.schedulePollTask(() -> {
            for (int offset = 0; offset < events.length; offset++) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, events[offset].getPlaced() == null ? null
                        : "o-" + offset, events[offset]));
            }
        });
    }

    private static PharmacyOrderEvent placed(String orderId) {
        OrderSummary order = new OrderSummary();
        order.setOrderId(orderId);
        PharmacyOrderPlaced placed = new PharmacyOrderPlaced();
        placed.setPatientId("patient_001");
        placed.setOrder(order);
        PharmacyOrderEvent event = new PharmacyOrderEvent();
        event.setType(PharmacyOrderEventType.ORDER_PLACED);
        event.setPlaced(placed);
        return event;
    }

    @SuppressWarnings("unchecked")
    private ConsumerFactory<String, Object> consumers() {
        ConsumerFactory<String, Object> factory = mock(ConsumerFactory.class);
        when(factory.createConsumer(isNull(), eq("order-book-"), eq(""), any(Properties.class))).thenReturn(consumer);
        return factory;
    }
}
