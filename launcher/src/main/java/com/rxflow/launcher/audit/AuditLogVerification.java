package com.rxflow.launcher.audit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.rxflow.schemas.audit.AuditChainVerifier;
import com.rxflow.schemas.audit.AuditChainVerifier.PartitionReport;

/**
 * Reads audit-log from the beginning of every partition, {@code read_committed} (so aborted writes
 * of the chain's exactly-once transactions never count), up to the end it had when the
 * verification started, and verifies each partition's chain with {@link AuditChainVerifier}. A
 * partition whose oldest records retention has deleted is verified from its first remaining record.
 */
public final class AuditLogVerification {

    private static final Duration POLL = Duration.ofMillis(200);

    private AuditLogVerification() {
    }

    /**
     * One report per partition, in partition order.
     *
     * @throws IllegalStateException when the topic does not exist or cannot be read within {@code patience}
     */
    public static List<PartitionReport> verify(String bootstrapServers, String topic, Duration patience) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) patience.toMillis());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, patience);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrapServers);
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, patience);
            // a partition whose log starts after offset 0 lost its oldest records to retention
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, patience);
            Map<Integer, AuditChainVerifier> verifiers = new TreeMap<>();
            partitions.forEach(p -> verifiers.put(p.partition(),
                    new AuditChainVerifier(p.partition(), starts.get(p) == 0)));
            long deadline = System.nanoTime() + patience.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + patience);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(topic, record.partition()))) {
                        verifiers.get(record.partition()).accept(record.offset(), record.value());
                    }
                }
            }
            return verifiers.values().stream().map(AuditChainVerifier::report).toList();
        }
    }
}
