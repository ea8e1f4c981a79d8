package com.rxflow.tools.orders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.platform.kafka.DeadLetters;

/**
 * Feeds the {@link OrderBook} from the pharmacy-orders topic: every partition from the start,
 * read_committed, without a consumer group (every instance needs every order, and the topic is
 * the book's only durable form), then follows new records.
 *
 * <p>Its {@link #status() status} is reported to health ({@link OrderBookHealthIndicator}): if the
 * consumer fails, the feed stops with {@link State#FAILED} and the cause, and the instance's health
 * turns DOWN instead of order status and cancellation silently answering from a book that no
 * longer learns of new orders. An event the book cannot apply is skipped and counted, it does not
 * stop the feed.
 */
public final class OrderBookFeed implements SmartLifecycle {

    /** Where the feed is. */
    public enum State {
        /** Not started, or started and still looking for the topic's partitions. */
        STARTING,
        /** Reading the topic from its start to the end it had when the feed started. */
        CATCHING_UP,
        /** Caught up; applies each new order as it is committed. */
        FOLLOWING,
        /** The consumer failed; the book no longer learns of new orders (see the cause). */
        FAILED,
        /** Stopped with the application. */
        STOPPED
    }

    /**
     * @param state   where the feed is
     * @param since   when it got there
     * @param applied events applied to the book by the feed
     * @param skipped events the book could not apply
     * @param cause   why it failed (the innermost cause), null unless {@link State#FAILED}
     */
    public record Status(State state, Instant since, long applied, long skipped, String cause) {
    }

    private static final Logger log = LoggerFactory.getLogger(OrderBookFeed.class);

    private final ConsumerFactory<String, Object> consumers;
    private final String topic;
    private final OrderBook book;
    private final Clock clock;
    private volatile Consumer<String, Object> consumer;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Status status;
    private long applied;
    private long skipped;

    public OrderBookFeed(ConsumerFactory<String, Object> consumers, String topic, OrderBook book) {
        this(consumers, topic, book, Clock.systemUTC());
    }

    public OrderBookFeed(ConsumerFactory<String, Object> consumers, String topic, OrderBook book, Clock clock) {
        this.consumers = consumers;
        this.topic = topic;
        this.book = book;
        this.clock = clock;
        this.status = new Status(State.STARTING, clock.instant(), 0, 0, null);
    }

    public Status status() {
        return status;
    }

    @Override
    public void start() {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = consumers.createConsumer(null, "order-book-", "", settings);
        running = true;
        thread = new Thread(this::follow, "rxflow-order-book");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            moveTo(State.CATCHING_UP, null);
            while (running) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    apply(record);
                }
                if (status.state() == State.CATCHING_UP && caughtUp(end)) {
                    moveTo(State.FOLLOWING, null);
                }
            }
            moveTo(State.STOPPED, null);
        } catch (WakeupException e) {
            // stop() woke the consumer up: nothing to do but close
            moveTo(State.STOPPED, null);
        } catch (RuntimeException e) {
            moveTo(State.FAILED, DeadLetters.rootCauseMessage(e));
            log.error("The order book stopped following {}; order status and cancellation see no new orders;"
                    + " health reports orderBook DOWN", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof PharmacyOrderEvent event)) {
            return; // unreadable (the deserializer's error) or not an order: nothing for the book
        }
        try {
            book.apply(event);
            applied++;
        } catch (RuntimeException e) {
            skipped++;
            log.warn("Order event at {}-{}@{} could not be applied to the order book and is skipped: {}",
                    record.topic(), record.partition(), record.offset(), DeadLetters.rootCauseMessage(e));
        }
        status = new Status(status.state(), status.since(), applied, skipped, status.cause());
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
    }

    private void moveTo(State state, String cause) {
        status = new Status(state, clock.instant(), applied, skipped, cause);
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, Object> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        Thread follower = thread;
        if (follower != null) {
            try {
                follower.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
