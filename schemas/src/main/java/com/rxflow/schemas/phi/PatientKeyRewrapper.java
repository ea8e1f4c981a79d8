package com.rxflow.schemas.phi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.rxflow.keys.PatientDataKey;

/**
 * Re-wraps patients' data keys with the newest key-encryption key after a rotation, so an older
 * KEK can be retired. Reads the patient-keys topic to its end; every live key wrapped by another
 * KEK is unwrapped and wrapped again by {@link KeyEncryptionKey#currentId()}, and written back under
 * the same record key: same patient, same key id, same data key, so no sealed record changes.
 * Forgotten patients (tombstones) are skipped.
 *
 * <p>Kafka has no compare-and-set, so a patient forgotten while the re-wrap runs (a tombstone
 * between the read and the re-wrapped value) would be brought back by the write. After its writes
 * the re-wrapper reads the topic again from where its first read ended to past its own writes; for
 * every key whose tombstone landed before its re-wrapped value, it writes the tombstone again
 * ({@link Result#tombstonesRewritten()}). A tombstone written after the re-wrapped value wins by
 * itself. Between the re-wrapped value and the repeated tombstone a running keyring may hold the
 * key again, until its next read of the topic (docs/security.md, "Rotating the KEK").
 */
public final class PatientKeyRewrapper {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> clientConfig;
    private final KeyEncryptionKey kek;

    /**
     * @param clientConfig the Kafka client settings of a principal that may read and write the topic
     * @param kek          holds the newest KEK and every KEK that wrapped a live key
     */
    public PatientKeyRewrapper(String topic, Map<String, Object> clientConfig, KeyEncryptionKey kek) {
        this.topic = topic;
        this.clientConfig = Map.copyOf(clientConfig);
        this.kek = kek;
    }

    /**
     * What a re-wrap did.
     *
     * @param rewrapped           keys written back wrapped by {@code currentKek}
     * @param alreadyCurrent      keys already wrapped by {@code currentKek}
     * @param skippedForgotten    keys whose latest record is a tombstone (still on the topic)
     * @param tombstonesRewritten keys forgotten while the re-wrap ran, whose tombstone was written again
     * @param unreadable          keys that did not unwrap (their KEK is missing or the record was altered): left as they are
     */
    public record Result(String currentKek, int rewrapped, int alreadyCurrent, int skippedForgotten,
            int tombstonesRewritten, Map<String, String> unreadable) {
    }

    /** Re-wraps every live key not wrapped by the newest KEK. */
    public Result rewrap() {
        return rewrap(() -> { });
    }

    /**
     * As {@link #rewrap()}, running {@code beforeWriting} after the topic was read and the keys were
     * re-wrapped in memory, just before they are written: tests put a concurrent forget there.
     */
    public Result rewrap(Runnable beforeWriting) {
        String current = kek.currentId();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, byte[]> latest = new TreeMap<>();
            readToEnd(consumer, record -> latest.put(record.key(), record.value()));
            Map<TopicPartition, Long> readUpTo = new HashMap<>();
            partitions.forEach(partition -> readUpTo.put(partition, consumer.position(partition, TIMEOUT)));

            int alreadyCurrent = 0;
            int forgotten = 0;
            Map<String, String> unreadable = new TreeMap<>();
            Map<String, PatientDataKey> rewrapped = new LinkedHashMap<>();
            for (Map.Entry<String, byte[]> entry : latest.entrySet()) {
                if (entry.getValue() == null) {
                    forgotten++;
                    continue;
                }
                PatientDataKey stored = decode(entry.getValue());
                if (current.equals(stored.getKekId())) {
                    alreadyCurrent++;
                    continue;
                }
                byte[] context = KafkaPatientKeyring.recordKey(stored.getPatientId(), stored.getKeyId())
                        .getBytes(StandardCharsets.UTF_8);
                byte[] raw;
                try {
                    raw = kek.unwrap(stored.getKekId(), bytes(stored.getWrappedKey()), context);
                } catch (IllegalStateException e) {
                    unreadable.put(entry.getKey(), e.getMessage());
                    continue;
                }
                try {
                    rewrapped.put(entry.getKey(), PatientDataKey.newBuilder(stored)
                            .setKekId(current)
                            .setWrappedKey(ByteBuffer.wrap(kek.wrap(raw, context)))
                            .build());
                } finally {
                    java.util.Arrays.fill(raw, (byte) 0);
                }
            }

            beforeWriting.run();
            int tombstonesRewritten = 0;
            try (KafkaProducer<String, byte[]> producer = producer()) {
                Map<String, Long> writtenAt = new HashMap<>();
                List<Map.Entry<String, Future<RecordMetadata>>> sent = new ArrayList<>();
                rewrapped.forEach((recordKey, record) ->
                        sent.add(Map.entry(recordKey, producer.send(new ProducerRecord<>(topic, recordKey, encode(record))))));
                for (Map.Entry<String, Future<RecordMetadata>> write : sent) {
                    writtenAt.put(write.getKey(), await(write.getValue()).offset());
                }
                // what was written to the topic since the first read, up to and past the re-wrapped values
                Map<String, Long> tombstonedAt = new HashMap<>();
                readUpTo.forEach(consumer::seek);
                readToEnd(consumer, record -> {
                    if (record.value() == null && writtenAt.containsKey(record.key())) {
                        tombstonedAt.merge(record.key(), record.offset(), Math::min);
                    }
                });
                List<Future<RecordMetadata>> tombstones = new ArrayList<>();
                for (Map.Entry<String, Long> tombstone : tombstonedAt.entrySet()) {
                    if (tombstone.getValue() < writtenAt.get(tombstone.getKey())) {
                        tombstones.add(producer.send(new ProducerRecord<>(topic, tombstone.getKey(), null)));
                    }
                }
                for (Future<RecordMetadata> tombstone : tombstones) {
                    await(tombstone);
                }
                tombstonesRewritten = tombstones.size();
            }
            return new Result(current, rewrapped.size() - tombstonesRewritten, alreadyCurrent, forgotten,
                    tombstonesRewritten, unreadable);
        }
    }

    /** How many live keys each KEK wraps now (tombstoned keys not counted). Needs no KEK. */
    public static Map<String, Integer> keysByKek(String topic, Map<String, Object> clientConfig) {
        PatientKeyRewrapper reader = new PatientKeyRewrapper(topic, clientConfig, null);
        try (KafkaConsumer<String, byte[]> consumer = reader.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, byte[]> latest = new HashMap<>();
            reader.readToEnd(consumer, record -> latest.put(record.key(), record.value()));
            Map<String, Integer> byKek = new TreeMap<>();
            latest.values().stream().filter(value -> value != null)
                    .forEach(value -> byKek.merge(decode(value).getKekId(), 1, Integer::sum));
            return byKek;
        }
    }

    private void readToEnd(KafkaConsumer<String, byte[]> consumer,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> action) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), TIMEOUT) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new KafkaException("could not read " + topic + " to its end within " + TIMEOUT);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.key() != null && record.key().lastIndexOf('/') > 0) {
                    action.accept(record);
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().retainAll(ConsumerConfig.configNames());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.keySet().retainAll(ProducerConfig.configNames());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static PatientDataKey decode(byte[] value) {
        try {
            return PatientDataKey.fromByteBuffer(ByteBuffer.wrap(value));
        } catch (IOException e) {
            throw new UncheckedIOException("a patient key record is not readable", e);
        }
    }

    private static byte[] encode(PatientDataKey record) {
        try {
            return bytes(record.toByteBuffer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private RecordMetadata await(Future<RecordMetadata> sent) {
        try {
            return sent.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while re-wrapping patient keys", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("a patient key could not be written to " + topic, e);
        }
    }
}
