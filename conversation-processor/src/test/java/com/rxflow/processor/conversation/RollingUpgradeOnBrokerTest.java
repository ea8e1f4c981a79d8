package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.KafkaSchemaStore;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * A rolling upgrade on one broker, with this release's processor and the schema store it has by
 * default. Newer releases of the gateway and of tools-service write the two envelopes the
 * processor reads ({@code PatientEvent}, {@code ToolResult}) with one more optional field, which this
 * release does not ship, publishing each schema to {@code rxflow.schemas} first (old processor, new
 * writers). Patients talk: every message is answered, nothing is dead-lettered. The other way round
 * (new processor, old readers): every reply and tool command the processor writes has its writer
 * schema on {@code rxflow.schemas}, and a reader that ships no version at all reads each of them
 * through the store alone. With {@code rxflow.kafka.schema-store.enabled=false} the newer messages
 * are dead-lettered with {@code UNKNOWN_WRITER_SCHEMA} and no reply comes (the test fails).
 */
@SpringBootTest(classes = ConversationProcessorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.config.name=conversation-processor",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "rxflow.streams.state-dir=target/streams-it/${random.uuid}",
                "rxflow.service-key=rolling-upgrade-test-service-key-0123456789"})
@EmbeddedKafka(partitions = 2, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RollingUpgradeOnBrokerTest {

    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final String DLT = TOPICS.deadLetter(ConversationProcessorApplication.NAME).name();
    private static final String REPLIES = TOPICS.name(TopicCatalogue.ASSISTANT_REPLIES);
    private static final String COMMANDS = TOPICS.name(TopicCatalogue.TOOL_COMMANDS);
    private static final int PATIENTS = 6;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    StreamsBuilderFactoryBean streams;

    private KafkaProducer<String, byte[]> newerWriters;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaSchemaStore newerRelease;
    private KafkaSchemaStore olderReader;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeAll
    void connect() {
        Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker);
        Map<String, Object> consumerProps = KafkaTestUtils.consumerProps(broker, "unused", false);
        newerWriters = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        newerRelease = KafkaSchemaStore.connect(producerProps, consumerProps, "newer-release", "rxflow.schemas", WAIT);
        olderReader = KafkaSchemaStore.connect(producerProps, consumerProps, "older-reader", "rxflow.schemas", WAIT);
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(COMMANDS, REPLIES, DLT));
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void disconnect() {
        newerWriters.close();
        consumer.close();
        newerRelease.close();
        olderReader.close();
    }

    @Test
    void patientsTalkingThroughNewerWritersAreAllAnsweredByThisProcessorAndItsOwnRecordsAreReadableThroughTheStore() {
        Schema newerMessage = withNewOptionalField(PatientEvent.getClassSchema(), "channelHint");
        Schema newerResult = withNewOptionalField(ToolResult.getClassSchema(), "sourceRegion");
        assertThat(AvroCodec.shared().store()).as("the processor's store is its own").isEmpty();
        // a newer release publishes its schemas before its first record, as its codec does
        newerRelease.publish(newerMessage);
        newerRelease.publish(newerResult);

        Map<String, String> conversations = new LinkedHashMap<>();
        for (int i = 0; i < PATIENTS; i++) {
            String conversation = "upgrade-" + i + "-" + UUID.randomUUID();
            String patient = "patient_00" + (1 + i % 3);
            conversations.put(conversation, patient);
            send(TopicCatalogue.PATIENT_MESSAGES, conversation, newerMessage, Inputs.opened(conversation, patient));
            send(TopicCatalogue.PATIENT_MESSAGES, conversation, newerMessage,
                    Inputs.message(conversation, patient, "m-1", "what am I taking?"));
        }
        for (String conversation : conversations.keySet()) {
            ToolCommand command = AvroCodec.shared().decode(awaitRecord(COMMANDS, conversation,
                    r -> AvroCodec.shared().decode(r.value(), ToolCommand.class).getInvokeTool().getTool()
                            .equals("medication_history")).value(), ToolCommand.class);
            send(TopicCatalogue.TOOL_RESULTS, conversation, newerResult, Inputs.completed(command, "John", "lisinopril"));
        }

        for (String conversation : conversations.keySet()) {
            ConsumerRecord<String, byte[]> reply = awaitRecord(REPLIES, conversation, r -> {
                GenericRecord replied = (GenericRecord) readThroughTheStoreOnly(r.value()).get("replied");
                return replied != null && "m-1".equals(String.valueOf(replied.get("inReplyTo")));
            });
            GenericRecord replied = (GenericRecord) readThroughTheStoreOnly(reply.value()).get("replied");
            assertThat(replied.get("text").toString()).as(conversation).contains("Lisinopril");
        }
        for (ConsumerRecord<String, byte[]> command : seen.stream().filter(r -> r.topic().equals(COMMANDS)).toList()) {
            assertThat(readThroughTheStoreOnly(command.value()).getSchema().getFullName())
                    .isEqualTo(ToolCommand.getClassSchema().getFullName());
        }
        drain(Duration.ofSeconds(2));
        assertThat(seen.stream().filter(r -> r.topic().equals(DLT)).map(ConsumerRecord::key).toList())
                .as("dead letters").isEmpty();
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
    }

    /**
     * How a release that ships no version of the record's schema reads it: the writer schema comes
     * from {@code rxflow.schemas} alone, found by the fingerprint in the record's header.
     */
    private GenericRecord readThroughTheStoreOnly(byte[] bytes) {
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = olderReader.findByFingerprint(fingerprint);
        assertThat(writer).as("writer schema %s on rxflow.schemas", Long.toHexString(fingerprint)).isNotNull();
        try {
            return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), writer, olderReader).decode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a newer release writes: the record's fields, and its one new field set. */
    private void send(com.rxflow.schemas.topic.TopicSpec<?> topic, String key, Schema newer, SpecificRecord value) {
        GenericData.Record record = new GenericData.Record(newer);
        value.getSchema().getFields().forEach(field -> record.put(field.name(), value.get(field.pos())));
        record.put(newer.getFields().get(newer.getFields().size() - 1).name(), "added by the newer release");
        try {
            byte[] bytes = new BinaryMessageEncoder<Object>(SpecificData.getForSchema(value.getSchema()), newer)
                    .encode(record).array();
            newerWriters.send(new ProducerRecord<>(TOPICS.name(topic), key, bytes));
            newerWriters.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The envelope as a newer release ships it: one more optional field. */
    private static Schema withNewOptionalField(Schema current, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field(name,
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "a field this release does not know", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key,
            Predicate<ConsumerRecord<String, byte[]>> matching) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = r -> r.topic().equals(topic) && key.equals(r.key())
                && matching.test(r);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return seen.stream().anyMatch(wanted);
        });
        return seen.stream().filter(wanted).findFirst().orElseThrow();
    }

    private void drain(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
        }
    }
}
