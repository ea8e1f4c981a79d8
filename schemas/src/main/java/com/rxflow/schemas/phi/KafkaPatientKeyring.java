package com.rxflow.schemas.phi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.rxflow.keys.PatientDataKey;

/**
 * Patients' data keys kept on the compacted patient-keys topic ({@link PatientKeysTopic}), wrapped
 * by the {@link KeyEncryptionKey}. The keyring reads the whole topic (no consumer group) and keeps
 * the unwrapped keys in memory; it reads what was added since before answering "unknown key" and
 * at most every {@code refreshEvery}, so a key another instance made is found and a tombstone
 * another instance wrote (a forgotten patient) is applied.
 *
 * <p>A new key is written, and acknowledged by the broker, before anything sealed with it is, so a
 * crash cannot leave a record whose key was never stored. Two instances that make a key for the
 * same patient at once write two records (the record key is {@code patientId/keyId}); both stay
 * readable and the keyring uses the lowest key id from then on.
 */
public final class KafkaPatientKeyring implements PatientKeyring, AutoCloseable {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final String topic;
    private final KeyEncryptionKey kek;
    private final Duration refreshEvery;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, TreeMap<String, DataKey>> keys = new HashMap<>();
    private Instant refreshedAt = Instant.MIN;

    /**
     * @param topic        the patient-keys topic's name (made if missing, see {@link PatientKeysTopic})
     * @param clientConfig the client settings (bootstrap servers, security) of the service
     */
    public KafkaPatientKeyring(String topic, Map<String, Object> clientConfig, KeyEncryptionKey kek,
            Duration refreshEvery, Clock clock) {
        this.topic = topic;
        this.kek = kek;
        this.refreshEvery = refreshEvery;
        this.clock = clock;
        PatientKeysTopic.ensure(topic, clientConfig);
        Map<String, Object> producerConfig = new HashMap<>(clientConfig);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.keySet().retainAll(ProducerConfig.configNames());
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> consumerConfig = new HashMap<>(clientConfig);
        consumerConfig.keySet().retainAll(ConsumerConfig.configNames());
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, CATCH_UP).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        refresh();
    }

    @Override
    public synchronized DataKey currentKey(String patientId) {
        refreshIfStale();
        TreeMap<String, DataKey> known = keys.get(patientId);
        if (known == null || known.isEmpty()) {
            refresh();
            known = keys.get(patientId);
        }
        if (known != null && !known.isEmpty()) {
            return known.firstEntry().getValue();
        }
        return create(patientId);
    }

    @Override
    public synchronized Optional<DataKey> key(String patientId, String keyId) {
        refreshIfStale();
        DataKey key = find(patientId, keyId);
        if (key == null) {
            refresh();
            key = find(patientId, keyId);
        }
        return Optional.ofNullable(key);
    }

    /**
     * Forgets the patient: a tombstone for each of their keys, acknowledged by the broker. Every
     * keyring that reads the topic drops the keys at its next refresh; a keyring started later never
     * sees them once the topic is compacted (and skips them before: it applies the tombstones).
     *
     * @return how many keys were forgotten
     */
    public synchronized int forget(String patientId) {
        refresh();
        TreeMap<String, DataKey> known = keys.remove(patientId);
        if (known == null) {
            return 0;
        }
        for (String keyId : known.keySet()) {
            await(producer.send(new ProducerRecord<>(topic, recordKey(patientId, keyId), null)));
        }
        return known.size();
    }

    private DataKey find(String patientId, String keyId) {
        TreeMap<String, DataKey> known = keys.get(patientId);
        return known == null ? null : known.get(keyId);
    }

    private DataKey create(String patientId) {
        String keyId = UUID.randomUUID().toString();
        byte[] raw = FieldCipher.newKey().getEncoded();
        PatientDataKey record = PatientDataKey.newBuilder()
                .setPatientId(patientId)
                .setKeyId(keyId)
                .setKekId(kek.currentId())
                .setWrappedKey(ByteBuffer.wrap(kek.wrap(raw, context(patientId, keyId))))
                .setCreatedAt(clock.instant())
                .build();
        await(producer.send(new ProducerRecord<>(topic, recordKey(patientId, keyId), encode(record))));
        DataKey key = new DataKey(patientId, keyId, new SecretKeySpec(raw, "AES"));
        keys.computeIfAbsent(patientId, id -> new TreeMap<>()).put(keyId, key);
        return key;
    }

    private void refreshIfStale() {
        if (Duration.between(refreshedAt, clock.instant()).compareTo(refreshEvery) >= 0) {
            refresh();
        }
    }

    /** Reads the topic up to its end as of now. */
    private void refresh() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), CATCH_UP);
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), CATCH_UP) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new KafkaException("the patient keys on " + topic + " could not be read within " + CATCH_UP);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                apply(record);
            }
        }
        refreshedAt = clock.instant();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        int slash = record.key() == null ? -1 : record.key().lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String patientId = record.key().substring(0, slash);
        String keyId = record.key().substring(slash + 1);
        if (record.value() == null) {
            TreeMap<String, DataKey> known = keys.get(patientId);
            if (known != null) {
                known.remove(keyId);
                if (known.isEmpty()) {
                    keys.remove(patientId);
                }
            }
            return;
        }
        PatientDataKey stored = decode(record.value());
        byte[] raw = kek.unwrap(stored.getKekId(), bytes(stored.getWrappedKey()), context(patientId, keyId));
        keys.computeIfAbsent(patientId, id -> new TreeMap<>())
                .put(keyId, new DataKey(patientId, keyId, new SecretKeySpec(raw, "AES")));
    }

    static String recordKey(String patientId, String keyId) {
        return patientId + "/" + keyId;
    }

    private static byte[] context(String patientId, String keyId) {
        return recordKey(patientId, keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] encode(PatientDataKey record) {
        try {
            return bytes(record.toByteBuffer());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PatientDataKey decode(byte[] value) {
        try {
            return PatientDataKey.fromByteBuffer(ByteBuffer.wrap(value));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("a patient key record is not readable", e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing a patient key", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaException("a patient key could not be written to " + topic, e);
        }
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
