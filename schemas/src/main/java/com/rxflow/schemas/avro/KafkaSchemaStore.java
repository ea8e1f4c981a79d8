package com.rxflow.schemas.avro;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParseException;
import org.apache.avro.SchemaParser;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-time schema store on a compacted topic of RxFlow's own: one record per writer schema,
 * keyed by its 64-bit parsing fingerprint (hexadecimal), its value the schema's JSON. Compaction
 * keeps every schema ever published (a key is never written with another value).
 *
 * <p>A writer publishes synchronously ({@code acks=all}) before the schema's first record, and
 * waits at most the store's wait for it, metadata included. A reader that meets an unknown
 * fingerprint reads the topic from where it left off, without a consumer group (it assigns itself
 * every partition), until the schema appears or the bounded wait is over; what it reads is kept, so
 * each schema is read once. A fingerprint that did not appear within the wait is remembered as
 * missing for {@code missRetry}: lookups of it in that time answer {@code null} at once (unless
 * another lookup has read it since), so a run of records of an unknown schema costs the wait once,
 * not once per record. Lookups are serialised: one consumer, one caller at a time. A closed store
 * answers from what it has read and refuses to publish.
 *
 * <p>A store that has never reached its broker (no publication acknowledged, no partition of the
 * topic found) waits for one publication at a time: once one has failed, every publication for
 * {@code missRetry} fails at once instead of each new schema waiting the whole wait for a broker
 * that is not there. The codec still writes the records, with their fingerprints (see
 * {@link AvroCodec}); the next publication after that time waits again.
 */
public final class KafkaSchemaStore implements PublishingSchemaStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSchemaStore.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a fingerprint not found stays missing by default. */
    public static final Duration DEFAULT_MISS_RETRY = Duration.ofMinutes(1);

    private final String topic;
    private final Duration wait;
    private final Producer<String, String> producer;
    private final Consumer<String, String> consumer;
    private final Duration missRetry;
    private final Map<Long, Schema> known = new ConcurrentHashMap<>();
    /** Fingerprints not found within the wait, with when they may be waited for again (System.nanoTime). */
    private final Map<Long, Long> missing = new ConcurrentHashMap<>();
    private boolean assigned;
    private volatile boolean closed;
    /** Whether a publication was acknowledged or the topic's partitions were found, once. */
    private volatile boolean reached;
    /** Until when (System.nanoTime) publications fail at once: a publication to a never-reached broker failed. */
    private volatile long unreachableUntil = System.nanoTime();

    /**
     * @param producer a producer of string keys and values, not transactional
     * @param consumer a consumer of string keys and values, without a group
     * @param topic    the compacted schema topic
     * @param wait     how long a lookup waits for a schema that is not there yet, and a publication
     *                 for its acknowledgement
     */
    public KafkaSchemaStore(Producer<String, String> producer, Consumer<String, String> consumer, String topic,
            Duration wait) {
        this(producer, consumer, topic, wait, DEFAULT_MISS_RETRY);
    }

    /**
     * @param missRetry how long a fingerprint not found within the wait is answered as missing at
     *                  once, before a lookup waits for it again
     */
    public KafkaSchemaStore(Producer<String, String> producer, Consumer<String, String> consumer, String topic,
            Duration wait, Duration missRetry) {
        this.producer = producer;
        this.consumer = consumer;
        this.topic = topic;
        this.wait = wait;
        this.missRetry = missRetry;
    }

    /**
     * A store with its own producer and consumer.
     *
     * @param producerSettings a producer's connection settings (bootstrap servers, security); the
     *                         serializers, transactional id and acknowledgements are set here
     * @param consumerSettings a consumer's connection settings; the group is removed here
     * @param clientId         prefix of the two clients' ids
     */
    public static KafkaSchemaStore connect(Map<String, Object> producerSettings, Map<String, Object> consumerSettings,
            String clientId, String topic, Duration wait) {
        return connect(producerSettings, consumerSettings, clientId, topic, wait, DEFAULT_MISS_RETRY);
    }

    /** As {@link #connect(Map, Map, String, String, Duration)}, with how long a missing schema stays missing. */
    public static KafkaSchemaStore connect(Map<String, Object> producerSettings, Map<String, Object> consumerSettings,
            String clientId, String topic, Duration wait, Duration missRetry) {
        Map<String, Object> producerConfig = new HashMap<>(producerSettings);
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        producerConfig.remove(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-schemas-writer");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, wait.toMillis());
        Map<String, Object> consumerConfig = new HashMap<>(consumerSettings);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-schemas-reader");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaSchemaStore(
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer()),
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer()),
                topic, wait, missRetry);
    }

    @Override
    public void publish(Schema schema) {
        if (closed) {
            throw new KafkaException("the schema store on " + topic + " is closed");
        }
        if (!reached && unreachableUntil - System.nanoTime() > 0) {
            throw new KafkaException("cannot publish " + schema.getFullName() + ": the schema store on " + topic
                    + " has not reached its broker, and does not wait for it again for " + missRetry);
        }
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            // send() itself waits at most max.block.ms (the wait) for the topic's metadata
            producer.send(new ProducerRecord<>(topic, key(fingerprint), schema.toString()))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while publishing " + schema.getFullName(), e);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            if (!reached) {
                unreachableUntil = System.nanoTime() + missRetry.toNanos();
                LOG.warn("the schema store on {} has not reached its broker within {}; publications fail at once for {}",
                        topic, wait, missRetry);
            }
            throw new KafkaException("cannot publish " + schema.getFullName() + " to " + topic + " within " + wait, e);
        }
        reached = true;
        known.putIfAbsent(fingerprint, schema);
        missing.remove(fingerprint);
    }

    /**
     * The schema, or {@code null} when it has not appeared on the topic within the wait, or was
     * missing less than {@code missRetry} ago.
     */
    @Override
    public synchronized Schema findByFingerprint(long fingerprint) {
        Schema schema = known.get(fingerprint);
        if (schema != null || closed) {
            return schema;
        }
        Long retryAt = missing.get(fingerprint);
        if (retryAt != null && retryAt - System.nanoTime() > 0) {
            return null;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (schema == null && deadline - System.nanoTime() > 0) {
                readAvailable(deadline);
                schema = known.get(fingerprint);
            }
        } catch (KafkaException e) {
            LOG.warn("cannot read {}: {}", topic, e.toString());
        }
        if (schema == null) {
            missing.put(fingerprint, System.nanoTime() + missRetry.toNanos());
            LOG.warn("schema {} did not appear on {} within {}; records of it are refused for {} without waiting",
                    key(fingerprint), topic, wait, missRetry);
        } else {
            missing.remove(fingerprint);
        }
        return schema;
    }

    private void readAvailable(long deadline) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        Duration poll = left.compareTo(POLL) < 0 ? left : POLL;
        if (!assigned && !assign(left)) {
            sleep(poll);
            return;
        }
        for (ConsumerRecord<String, String> record : consumer.poll(poll)) {
            remember(record.value());
        }
    }

    private boolean assign(Duration timeout) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
        if (infos == null) {
            return false;
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = true;
        reached = true;
        return true;
    }

    private void remember(String json) {
        if (json == null) {
            return;
        }
        try {
            Schema schema = new SchemaParser().parse(json).mainSchema();
            // keyed by the fingerprint computed here, not by the record's key
            known.putIfAbsent(SchemaNormalization.parsingFingerprint64(schema), schema);
        } catch (SchemaParseException e) {
            LOG.warn("a record on {} is not a schema: {}", topic, e.getMessage());
        }
    }

    static String key(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
        consumer.close();
    }
}
