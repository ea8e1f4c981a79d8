package com.rxflow.escalation;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/**
 * Reads a whole topic from its beginning, committed records only, and keeps what it read so a
 * test can wait for the record it expects among those of the other tests.
 */
public final class TopicReader<V> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> read = new ArrayList<>();

    public TopicReader(EmbeddedKafkaBroker broker, String topic, Deserializer<V> values) {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "unused", false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public ConsumerRecord<String, V> awaitFirst(Predicate<ConsumerRecord<String, V>> expected) {
        return awaitFirst(expected, Duration.ofSeconds(30));
    }

    /** Reads on until a record matches or the time is up (then returns null for a predicate never met). */
    public ConsumerRecord<String, V> awaitFirst(Predicate<ConsumerRecord<String, V>> expected, Duration patience) {
        if (patience.compareTo(Duration.ofSeconds(1)) < 0) {
            consumer.poll(patience).forEach(read::add);
            return read.stream().filter(expected).findFirst().orElse(null);
        }
        return await().atMost(patience).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(read::add);
            return read.stream().filter(expected).findFirst().orElse(null);
        }, record -> record != null);
    }

    public List<ConsumerRecord<String, V>> records() {
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
