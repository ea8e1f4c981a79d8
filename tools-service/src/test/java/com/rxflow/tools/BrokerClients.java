package com.rxflow.tools;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.schemas.serde.AvroDeserializer;
import com.rxflow.schemas.serde.AvroSerializer;

/**
 * Plain Kafka clients playing the other side of tools-service in tests: the conversation
 * processor that sends commands, and readers of the results and dead-letter topics. Readers
 * assign partitions instead of joining a group, so they read at once.
 */
final class BrokerClients {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String bootstrap;

    BrokerClients(EmbeddedKafkaBroker broker) {
        this.bootstrap = broker.getBrokersAsString();
    }

    RecordMetadata sendCommand(String topic, String key, ToolCommand command) {
        try (KafkaProducer<String, ToolCommand> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), new AvroSerializer<>())) {
            return producer.send(new ProducerRecord<>(topic, key, command)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot send a command", e);
        }
    }

    RecordMetadata sendBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot send bytes", e);
        }
    }

    /**
     * Sends the values (encoded commands or garbage) in one transaction, as the processor sends a
     * turn's commands: they become readable together, so tools-service meets them in one poll.
     * Returns the partition they went to (one key, one partition).
     */
    int sendInOneTransaction(String topic, String key, List<byte[]> values) {
        Map<String, Object> config = new java.util.HashMap<>(producerConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-batch-" + java.util.UUID.randomUUID());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config,
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            int partition = -1;
            for (byte[] value : values) {
                partition = producer.send(new ProducerRecord<>(topic, key, value)).get().partition();
            }
            producer.commitTransaction();
            return partition;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot send in a transaction", e);
        }
    }

    /** Waits for the first result keyed by the conversation that a reader with this isolation sees. */
    ConsumerRecord<String, ToolResult> awaitResult(String topic, String conversationId, IsolationLevel isolation) {
        return awaitRecord(topic, new AvroDeserializer<ToolResult>(), isolation,
                record -> conversationId.equals(record.key()));
    }

    /** Waits until at least {@code count} results keyed by the conversation are committed, and returns them all. */
    List<ConsumerRecord<String, ToolResult>> awaitResults(String topic, String conversationId, int count) {
        return awaitResults(topic, conversationId, count, PATIENCE);
    }

    /** As above, with more patience (after a listener restart: a rebalance and the request log's reload). */
    List<ConsumerRecord<String, ToolResult>> awaitResults(String topic, String conversationId, int count,
            Duration patience) {
        List<ConsumerRecord<String, ToolResult>> found = new ArrayList<>();
        await().atMost(patience).until(() -> {
            found.clear();
            found.addAll(committed(topic, new AvroDeserializer<ToolResult>(), record -> conversationId.equals(record.key())));
            return found.size() >= count;
        });
        return found;
    }

    /** Every committed record of the topic that passes the filter, read up to the current end. */
    <V> List<ConsumerRecord<String, V>> committed(String topic, Deserializer<V> values, Predicate<ConsumerRecord<String, V>> wanted) {
        try (Consumer<String, V> consumer = consumer(values, IsolationLevel.READ_COMMITTED)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, V>> found = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
            return found;
        }
    }

    /** Waits for the first committed access on the audit topic that passes the filter. */
    ConsumerRecord<String, PatientDataAccessed> awaitAccess(String topic, Predicate<PatientDataAccessed> wanted) {
        return awaitRecord(topic, new AvroDeserializer<PatientDataAccessed>(), IsolationLevel.READ_COMMITTED,
                record -> wanted.test(record.value()));
    }

    ConsumerRecord<String, byte[]> awaitBytes(String topic, String key) {
        return awaitRecord(topic, new ByteArrayDeserializer(), IsolationLevel.READ_COMMITTED,
                record -> key.equals(record.key()));
    }

    /** The offset the next record written to the partition will get (the high watermark). */
    long endOffset(TopicPartition partition) {
        try (Consumer<String, byte[]> consumer = consumer(new ByteArrayDeserializer(), IsolationLevel.READ_UNCOMMITTED)) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /** The group's committed offset on the partition, -1 when it has none. */
    long committedOffset(String group, TopicPartition partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    private <V> ConsumerRecord<String, V> awaitRecord(String topic, Deserializer<V> values, IsolationLevel isolation,
            Predicate<ConsumerRecord<String, V>> wanted) {
        try (Consumer<String, V> consumer = consumer(values, isolation)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, V>> found = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.get(0);
        }
    }

    private <V> Consumer<String, V> consumer(Deserializer<V> values, IsolationLevel isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), values);
    }

    private Map<String, Object> producerConfig() {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }
}
