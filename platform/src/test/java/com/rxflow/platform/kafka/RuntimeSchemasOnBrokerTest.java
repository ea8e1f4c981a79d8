package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.DecodingFailure;
import com.rxflow.schemas.avro.KafkaSchemaStore;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * A rolling upgrade on a real broker: a newer release writes patient messages with an envelope that
 * has one more optional field, publishing its schema to the schema topic first; an older Kafka
 * Streams reader, whose codec does not ship that version, decodes them through the schema store
 * instead of dead-lettering them. A record whose schema was never published is dead-lettered after
 * the bounded wait with its typed reason, and the stream goes on. The reader's codec reaches its
 * serde through the serde's configuration ({@link AvroCodec#CONFIG}), as in a service.
 */
@EmbeddedKafka(partitions = 1, topics = {"rxflow.schemas", "in", "out", "dlt"},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class RuntimeSchemasOnBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(2);

    @Test
    void anOlderStreamsReaderDecodesANewerEnvelopeThroughTheStoreAndDeadLettersOneWhoseSchemaNeverAppears(
            EmbeddedKafkaBroker broker) throws Exception {
        Map<String, Object> producerConfig = KafkaTestUtils.producerProps(broker);
        Map<String, Object> consumerConfig = KafkaTestUtils.consumerProps(broker, "unused", false);
        DeadLetters deadLetters = new DeadLetters("dlt", producerConfig, SerdeSettings.DEFAULT);
        KafkaSchemaStore newerRelease = KafkaSchemaStore.connect(producerConfig, consumerConfig, "newer", "rxflow.schemas", WAIT);
        KafkaSchemaStore olderRelease = KafkaSchemaStore.connect(producerConfig, consumerConfig, "older", "rxflow.schemas", WAIT);
        SerdeSettings olderSerdes = SerdeSettings.DEFAULT.with(AvroCodec.CONFIG, AvroCodec.withStore(olderRelease));
        try {
            Schema published = withNewOptionalField(PatientEvent.getClassSchema(), "channelHint");
            Schema neverPublished = withNewOptionalField(PatientEvent.getClassSchema(), "somethingElse");
            newerRelease.publish(published);
            try (KafkaProducer<String, byte[]> newerWriter = new KafkaProducer<>(producerConfig,
                    new StringSerializer(), new ByteArraySerializer())) {
                newerWriter.send(new ProducerRecord<>("in", "c-new", encode(published, event("refill my omeprazole")))).get();
                newerWriter.send(new ProducerRecord<>("in", "c-lost", encode(neverPublished, event("lost")))).get();
                newerWriter.send(new ProducerRecord<>("in", "c-after", encode(published, event("and my statin")))).get();
            }

            StreamsBuilder builder = new StreamsBuilder();
            builder.stream("in", Consumed.with(Serdes.String(), olderSerdes.<PatientEvent>valueSerde()))
                    .mapValues(event -> event.getMessageReceived().getText())
                    .to("out", Produced.with(Serdes.String(), Serdes.String()));
            Properties config = BrokerProbes.exactlyOnceStreams(broker, "older-reader");
            config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    RecoveringDeserializationExceptionHandler.class);
            config.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
                    deadLetters.recoverer());
            try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
                streams.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

                List<ConsumerRecord<String, String>> out = read(broker, "out", 2);
                List<ConsumerRecord<String, String>> dead = read(broker, "dlt", 1);

                assertThat(out).extracting(ConsumerRecord::key, ConsumerRecord::value).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c-new", "refill my omeprazole"),
                        org.assertj.core.groups.Tuple.tuple("c-after", "and my statin"));
                assertThat(dead).singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo("c-lost");
                    assertThat(new String(letter.headers().lastHeader(DeadLetters.REASON_CODE_HEADER).value(),
                            StandardCharsets.UTF_8)).isEqualTo(DecodingFailure.UNKNOWN_WRITER_SCHEMA.name());
                });
            }
        } finally {
            olderRelease.close();
            newerRelease.close();
            deadLetters.destroy();
        }
    }

    /** The envelope as a newer release ships it: one more optional field. */
    private static Schema withNewOptionalField(Schema current, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field(name,
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "a field the older release does not know", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] encode(Schema newer, PatientEvent event) {
        GenericData.Record record = new GenericData.Record(newer);
        event.getSchema().getFields().forEach(field -> record.put(field.name(), event.get(field.pos())));
        record.put(newer.getFields().get(newer.getFields().size() - 1).name(), "sms");
        try {
            return new BinaryMessageEncoder<Object>(SpecificData.getForSchema(PatientEvent.getClassSchema()), newer)
                    .encode(record).array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PatientEvent event(String text) {
        return PatientEvent.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId("e-" + text).setConversationId("c")
                        .setOccurredAt(Instant.parse("2026-01-02T03:04:05.678Z"))
                        .setCorrelationId("m").setSource("gateway").build())
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(new PatientMessageReceived("m", text, "web", "local-dev"))
                .build();
    }

    private static List<ConsumerRecord<String, String>> read(EmbeddedKafkaBroker broker, String topic, int atLeast) {
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && seen.size() < atLeast) {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            }
        }
        return seen;
    }
}
