package com.rxflow.schemas.phi;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rxflow.keys.PatientDataKey;

/**
 * Patients' data keys kept on the compacted patient-keys topic ({@link PatientKeysTopic}), wrapped
 * by the {@link KeyEncryptionKey}. The keyring reads the whole topic (no consumer group) and keeps
 * the wrapped keys in memory; a key is unwrapped when it is first used and kept unwrapped in a
 * cache of at most {@code cacheSize} keys (least recently used evicted; an evicted key is unwrapped
 * again when next used), so a thousand lookups of a patient's key cost one unwrap.
 *
 * <p>A background thread reads what was added to the topic every half {@code refreshEvery}, and a
 * lookup reads it itself when the last read started more than {@code refreshEvery} ago (the
 * background read failed or is late) and before answering "unknown key": a key another instance
 * made is found, and a tombstone another instance or {@code rxflow forget-patient} wrote removes
 * the key, wrapped and cached. So a key is never used more than {@code refreshEvery} after its
 * tombstone was acknowledged by the broker: that is the bounded staleness of forgetting on a
 * running instance (docs/security.md). When the topic cannot be read, lookups fail rather than use
 * keys that may have been forgotten.
 *
 * <p>A new key is written, and acknowledged by the broker, before anything sealed with it is, so a
 * crash cannot leave a record whose key was never stored. Two instances that make a key for the
 * same patient at once write two records (the record key is {@code patientId/keyId}); both stay
 * readable and the keyring uses the lowest key id from then on.
 */
public final class KafkaPatientKeyring implements PatientKeyring, AutoCloseable {

    /** How many unwrapped keys a keyring keeps by default. */
    public static final int DEFAULT_CACHE_SIZE = 10_000;
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPatientKeyring.class);

    private final String topic;
    private final KeyEncryptionKey kek;
    private final Duration refreshEvery;
    private final Clock clock;
    private final KafkaProducer<String, byte[]> producer;
    /** Read by one thread at a time: whoever holds it (refresh). */
    private final KafkaConsumer<String, byte[]> consumer;
    /** The topic's live keys, wrapped: patient, then key id. Guarded by this. */
    private final Map<String, TreeMap<String, PatientDataKey>> wrapped = new HashMap<>();
    /** Unwrapped keys by record key, least recently used first. Guarded by this. */
    private final LinkedHashMap<String, DataKey> unwrapped;
    private final Object creating = new Object();
    private final ScheduledExecutorService refresher;
    private volatile Instant refreshedAt = Instant.MIN;

    /**
     * @param topic        the patient-keys topic's name (made if missing, see {@link PatientKeysTopic})
     * @param clientConfig the client settings (bootstrap servers, security) of the service
     */
    public KafkaPatientKeyring(String topic, Map<String, Object> clientConfig, KeyEncryptionKey kek,
            Duration refreshEvery, Clock clock) {
        this(topic, clientConfig, kek, refreshEvery, clock, DEFAULT_CACHE_SIZE);
    }

    /** @param cacheSize how many unwrapped keys are kept at most */
    public KafkaPatientKeyring(String topic, Map<String, Object> clientConfig, KeyEncryptionKey kek,
            Duration refreshEvery, Clock clock, int cacheSize) {
        if (cacheSize < 1 || refreshEvery.toMillis() < 2) {
            throw new IllegalArgumentException("the cache holds at least one key and refreshEvery is at least 2 ms");
        }
        this.topic = topic;
        this.kek = kek;
        this.refreshEvery = refreshEvery;
        this.clock = clock;
        this.unwrapped = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DataKey> eldest) {
                return size() > cacheSize;
            }
        };
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
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "patient-keyring-" + topic);
            thread.setDaemon(true);
            return thread;
        });
        long every = refreshEvery.toMillis() / 2;
        refresher.scheduleWithFixedDelay(this::refreshInBackground, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public DataKey currentKey(String patientId) {
        refreshIfStale();
        DataKey key = current(patientId);
        if (key == null) {
            refresh();
            key = current(patientId);
        }
        if (key != null) {
            return key;
        }
        synchronized (creating) { // one new key per patient from this instance
            key = current(patientId);
            return key != null ? key : create(patientId);
        }
    }

    @Override
    public Optional<DataKey> key(String patientId, String keyId) {
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
     * keyring that reads the topic drops the keys within its {@code refreshEvery}; a keyring started
     * later never sees them once the topic is compacted (and skips them before: it applies the
     * tombstones).
     *
     * @return how many keys were forgotten
     */
    public int forget(String patientId) {
        refresh();
        TreeMap<String, PatientDataKey> known;
        synchronized (this) {
            known = wrapped.remove(patientId);
            if (known != null) {
                known.keySet().forEach(keyId -> unwrapped.remove(recordKey(patientId, keyId)));
            }
        }
        if (known == null) {
            return 0;
        }
        for (String keyId : known.keySet()) {
            await(producer.send(new ProducerRecord<>(topic, recordKey(patientId, keyId), null)));
        }
        return known.size();
    }

    /** How many keys are held unwrapped now (at most the cache size). */
    public synchronized int unwrappedKeys() {
        return unwrapped.size();
    }

    private synchronized DataKey current(String patientId) {
        TreeMap<String, PatientDataKey> known = wrapped.get(patientId);
        return known == null || known.isEmpty() ? null : unwrap(known.firstEntry().getValue());
    }

    private synchronized DataKey find(String patientId, String keyId) {
        TreeMap<String, PatientDataKey> known = wrapped.get(patientId);
        PatientDataKey stored = known == null ? null : known.get(keyId);
        return stored == null ? null : unwrap(stored);
    }

    /** The stored key unwrapped, from the cache or by the KEK. Called holding this. */
    private DataKey unwrap(PatientDataKey stored) {
        String patientId = stored.getPatientId();
        String keyId = stored.getKeyId();
        return unwrapped.computeIfAbsent(recordKey(patientId, keyId), id -> new DataKey(patientId, keyId,
                new SecretKeySpec(kek.unwrap(stored.getKekId(), bytes(stored.getWrappedKey()), context(patientId, keyId)),
                        "AES")));
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
        synchronized (this) {
            wrapped.computeIfAbsent(patientId, id -> new TreeMap<>()).put(keyId, record);
            unwrapped.put(recordKey(patientId, keyId), key);
        }
        return key;
    }

    private void refreshIfStale() {
        if (Duration.between(refreshedAt, clock.instant()).compareTo(refreshEvery) > 0) {
            refresh();
        }
    }

    private void refreshInBackground() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // lookups read the topic themselves once the last read is older than refreshEvery, and fail if it cannot be read
            LOG.warn("The patient keys on {} could not be read; retrying", topic, e);
        }
    }

    /** Reads the topic up to its end as of now: every tombstone acknowledged before the call is applied. */
    private void refresh() {
        synchronized (consumer) {
            Instant started = clock.instant();
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
            if (started.isAfter(refreshedAt)) {
                refreshedAt = started;
            }
        }
    }

    private synchronized void apply(ConsumerRecord<String, byte[]> record) {
        int slash = record.key() == null ? -1 : record.key().lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String patientId = record.key().substring(0, slash);
        String keyId = record.key().substring(slash + 1);
        if (record.value() == null) {
            unwrapped.remove(record.key());
            TreeMap<String, PatientDataKey> known = wrapped.get(patientId);
            if (known != null) {
                known.remove(keyId);
                if (known.isEmpty()) {
                    wrapped.remove(patientId);
                }
            }
            return;
        }
        PatientDataKey stored = decode(record.value());
        wrapped.computeIfAbsent(patientId, id -> new TreeMap<>()).put(keyId, stored);
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
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
        synchronized (consumer) {
            consumer.close(Duration.ofSeconds(5));
        }
        synchronized (this) {
            unwrapped.clear();
        }
    }
}
