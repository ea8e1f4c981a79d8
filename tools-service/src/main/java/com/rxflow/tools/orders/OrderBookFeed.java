package com.rxflow.tools.orders;

import java.time.Duration;
import java.util.List;
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

/**
 * Feeds the {@link OrderBook} from the pharmacy-orders topic: every partition from the start,
 * read_committed, without a consumer group (every instance needs every order, and the topic is
 * the book's only durable form), then follows new records.
 */
public final class OrderBookFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderBookFeed.class);

    private final ConsumerFactory<String, Object> consumers;
    private final String topic;
    private final OrderBook book;
    private volatile Consumer<String, Object> consumer;
    private volatile Thread thread;
    private volatile boolean running;

    public OrderBookFeed(ConsumerFactory<String, Object> consumers, String topic, OrderBook book) {
        this.consumers = consumers;
        this.topic = topic;
        this.book = book;
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
            while (running) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() instanceof PharmacyOrderEvent event) {
                        book.apply(event);
                    }
                }
            }
        } catch (WakeupException e) {
            // stop() woke the consumer up: nothing to do but close
        } catch (RuntimeException e) {
            log.error("The order book stopped following {}; order status and cancellation see no new orders", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
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
