package com.rxflow.load.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka floor: what a turn would cost if RxFlow were nothing but Kafka. Plain producers and
 * consumers relay a record through as many topics, and with the same guarantees, as one turn with
 * one tool call:
 *
 * <pre>
 *  driver (the gateway's producer: acks=all, idempotent)      --> floor-in
 *  processor relays (as many threads as stream threads)        floor-in  --> floor-cmd   (transactional under EOS)
 *  tools relays (as many as tools-service's listener threads)  floor-cmd --> floor-res   (a transaction per record)
 *  processor relays (the same threads as above)                floor-res --> floor-out   (transactional under EOS)
 *  sink (the gateway's consumer: read_committed)               floor-out
 * </pre>
 *
 * The thread counts and the transactional producers' {@code retry.backoff.ms} are the services'
 * ({@link FloorSettings}). Every consumer reads {@code read_committed}, as RxFlow's do. The relays commit each poll's batch
 * at once: the floor has no commit interval and no linger of its own, so the ratio of RxFlow's
 * latency to the floor's shows what those settings, and everything else RxFlow does, cost.
 * Latency is measured as the turn's is: from the intended send time to the record's arrival at
 * the sink, with sends scheduled open-loop at the benchmark's rate.
 */
final class KafkaFloor implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrap;
    private final boolean exactlyOnce;
    private final FloorSettings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String in;
    private final String cmd;
    private final String res;
    private final String out;
    private final byte[] payload;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<?, ?>> consumers = new ArrayList<>();
    private final Map<Long, Long> intended = new ConcurrentHashMap<>();
    private volatile LatencyRecorder recorder;
    private KafkaProducer<String, byte[]> driver;

    /**
     * @param exactlyOnce  whether the processor's hops are transactional (its {@code exactly_once_v2})
     * @param payloadBytes size of each record's value, about an RxFlow envelope's
     * @param partitions   partitions of each floor topic, as RxFlow's topics have
     */
    KafkaFloor(String bootstrap, boolean exactlyOnce, FloorSettings settings, int payloadBytes, int partitions) {
        this.bootstrap = bootstrap;
        this.exactlyOnce = exactlyOnce;
        this.settings = settings;
        String prefix = "rxflow-floor-" + run + "-";
        this.in = prefix + "in";
        this.cmd = prefix + "cmd";
        this.res = prefix + "res";
        this.out = prefix + "out";
        this.payload = new byte[payloadBytes];
        createTopics(partitions);
    }

    /** Starts the relays and the sink, and returns once every consumer has its partitions. */
    KafkaFloor start() {
        driver = new KafkaProducer<>(gatewayProducer(), new StringSerializer(), new ByteArraySerializer());
        for (int i = 0; i < settings.processorThreads(); i++) {
            KafkaConsumer<String, byte[]> processorIn = consumer("floor-processor-" + run);
            processorIn.subscribe(List.of(in, res));
            KafkaProducer<String, byte[]> processorOut = exactlyOnce
                    ? transactional("floor-processor-" + run + "-" + i, settings.processorRetryBackoffMs())
                    : new KafkaProducer<>(idempotent(), new StringSerializer(), new ByteArraySerializer());
            thread("floor-processor-relay-" + i, () -> relay(processorIn, processorOut, exactlyOnce, true));
        }
        for (int i = 0; i < settings.toolsThreads(); i++) {
            KafkaConsumer<String, byte[]> toolsIn = consumer("floor-tools-" + run);
            toolsIn.subscribe(List.of(cmd));
            KafkaProducer<String, byte[]> toolsOut = transactional("floor-tools-" + run + "-" + i,
                    settings.toolsRetryBackoffMs());
            thread("floor-tools-relay-" + i, () -> relay(toolsIn, toolsOut, true, false));
        }
        KafkaConsumer<String, byte[]> sink = consumer("floor-sink-" + run);
        sink.subscribe(List.of(out));
        thread("floor-sink", () -> sink(sink));
        awaitAssignment();
        return this;
    }

    /** Where the next records' latencies go (one recorder per phase: warm-up, then the measured run). */
    void recordInto(LatencyRecorder recorder) {
        this.recorder = recorder;
    }

    /** Sends one record, meant to leave at {@code intendedNanos} (System.nanoTime). */
    void send(long id, long intendedNanos) {
        intended.put(id, intendedNanos);
        String key = "floor-conversation-" + (id % 1000);
        driver.send(new ProducerRecord<>(in, key, idBytes(id)), (metadata, failure) -> {
            if (failure != null) {
                intended.remove(id);
                LatencyRecorder current = recorder;
                if (current != null) {
                    current.error("floor send: " + failure.getClass().getSimpleName());
                }
            }
        });
    }

    /** Records still on their way. */
    int inFlight() {
        return intended.size();
    }

    private byte[] idBytes(long id) {
        byte[] value = payload.clone();
        for (int i = 0; i < 8; i++) {
            value[i] = (byte) (id >>> (8 * i));
        }
        return value;
    }

    private static long idOf(byte[] value) {
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id |= (value[i] & 0xFFL) << (8 * i);
        }
        return id;
    }

    /**
     * One relay thread. The processor relay forwards floor-in to floor-cmd and floor-res to
     * floor-out; the tools relay forwards floor-cmd to floor-res, one transaction per record as
     * spring-kafka's record listener does.
     */
    private void relay(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer,
            boolean transactional, boolean processor) {
        try (consumer; producer) {
            if (transactional) {
                producer.initTransactions();
            }
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                if (processor) {
                    forward(consumer, producer, transactional, records);
                } else {
                    for (ConsumerRecord<String, byte[]> record : records) {
                        forward(consumer, producer, true, List.of(record));
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void forward(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer,
            boolean transactional, Iterable<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        if (transactional) {
            producer.beginTransaction();
        }
        for (ConsumerRecord<String, byte[]> record : records) {
            String target = record.topic().equals(in) ? cmd : record.topic().equals(cmd) ? res : out;
            producer.send(new ProducerRecord<>(target, record.key(), record.value()));
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        if (transactional) {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } else {
            producer.flush();
            consumer.commitAsync(offsets, null);
        }
    }

    private void sink(KafkaConsumer<String, byte[]> consumer) {
        try (consumer) {
            while (running.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    long now = System.nanoTime();
                    Long start = intended.remove(idOf(record.value()));
                    LatencyRecorder current = recorder;
                    if (start != null && current != null) {
                        current.record(now - start);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private void thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void awaitAssignment() {
        // the relays subscribe lazily; a few warm-up records flow once every group has its partitions
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        LatencyRecorder warm = new LatencyRecorder();
        recordInto(warm);
        long id = -1;
        while (warm.count() < 3 && System.nanoTime() < deadline) {
            send(id--, System.nanoTime());
            sleep(200);
        }
        if (warm.count() < 3) {
            throw new IllegalStateException("The Kafka floor's relays did not start within 60 s");
        }
        intended.clear();
    }

    private KafkaConsumer<String, byte[]> consumer(String group) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumers.add(consumer);
        return consumer;
    }

    /** The gateway's producer settings (gateway.yml): acks=all, idempotent, Kafka's defaults otherwise. */
    private Properties gatewayProducer() {
        Properties settings = idempotent();
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        return settings;
    }

    private Properties idempotent() {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return settings;
    }

    private KafkaProducer<String, byte[]> transactional(String id, int retryBackoffMs) {
        Properties settings = idempotent();
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
        // a transaction begun while the previous one's markers are still being written waits this long
        settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, retryBackoffMs);
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 10_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    private void createTopics(int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String topic : List.of(in, cmd, res, out)) {
                topics.add(new NewTopic(topic, partitions, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the Kafka floor's topics on " + bootstrap, e);
        }
    }

    private void deleteTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(in, cmd, res, out)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // leftovers are harmless: every run has topics of its own
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (driver != null) {
            driver.close(Duration.ofSeconds(5));
        }
        deleteTopics();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
