package com.rxflow.tools.invocation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.core.ConsumerFactory;

import com.rxflow.events.tool.ToolResult;

/**
 * Reads one partition of the request-log topic from its start to its last committed record
 * (read_committed: an answer whose transaction aborted was never given). It reads without a
 * consumer group, so it commits nothing and never joins the listener's group.
 */
public final class RequestLogLoader {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ConsumerFactory<String, Object> consumers;
    private final String topic;

    public RequestLogLoader(ConsumerFactory<String, Object> consumers, String topic) {
        this.consumers = consumers;
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Every request answered on the partition, by log key. */
    public Map<String, ToolResult> load(int partition) {
        TopicPartition log = new TopicPartition(topic, partition);
        Map<String, ToolResult> answers = new HashMap<>();
        try (Consumer<String, Object> consumer = consumers.createConsumer(null, "request-log-", "-" + partition, settings())) {
            consumer.assign(List.of(log));
            consumer.seekToBeginning(List.of(log));
            long end = consumer.endOffsets(List.of(log)).get(log);
            Instant deadline = Instant.now().plus(PATIENCE);
            while (consumer.position(log) < end) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + log + " up to offset " + end + " within " + PATIENCE);
                }
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof ToolResult result) {
                        answers.put(record.key(), result);
                    } else {
                        answers.remove(record.key());
                    }
                }
            }
        }
        return answers;
    }

    /** Partitions of the log; it must have at least as many as tool-commands. */
    public int partitions() {
        try (Consumer<String, Object> consumer = consumers.createConsumer(null, "request-log-", "-meta", settings())) {
            return consumer.partitionsFor(topic).size();
        }
    }

    private static Properties settings() {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return settings;
    }
}
