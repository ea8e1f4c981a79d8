package com.rxflow.schemas.avro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.SchemaParser;
import org.apache.avro.generic.GenericData;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * The run-time schema store between a writer and a reader of different releases: the writer
 * publishes its schema before its first record, the reader finds a schema it does not ship there
 * and resolves it to its own class, and refuses a record whose schema does not appear in time.
 * The topic is played by Kafka's mock clients: what the writer's producer sent is what the
 * reader's consumer reads.
 */
class KafkaSchemaStoreTest {

    private static final String TOPIC = "rxflow.schemas";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockProducer<String, String> writerProducer =
            new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
    private final MockConsumer<String, String> readerConsumer = new MockConsumer<>("earliest");

    @Test
    void aWriterPublishesItsSchemaOnceBeforeItsFirstRecord() {
        AvroCodec writer = AvroCodec.withStore(store(writerProducer, readerConsumer, Duration.ofSeconds(1)));

        writer.encode(event());
        writer.encode(event());

        assertThat(writerProducer.history()).hasSize(1);
        ProducerRecord<String, String> published = writerProducer.history().get(0);
        assertThat(published.topic()).isEqualTo(TOPIC);
        assertThat(published.key()).isEqualTo(KafkaSchemaStore.key(
                SchemaNormalization.parsingFingerprint64(PatientEvent.getClassSchema())));
        assertThat(new SchemaParser().parse(published.value()).mainSchema()).isEqualTo(PatientEvent.getClassSchema());
    }

    @Test
    void aRecordWrittenWithANewerSchemaTheReaderDoesNotShipIsDecodedThroughTheStore() {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        store(writerProducer, new MockConsumer<>("earliest"), Duration.ofSeconds(1)).publish(newer);
        byte[] bytes = encodeWith(newer, event());
        assertThatThrownBy(() -> AvroCodec.shared().decode(bytes)).isInstanceOf(AvroDecodingException.class);
        topicHolds(writerProducer.history(), 0);

        AvroCodec reader = AvroCodec.withStore(store(new MockProducer<>(), readerConsumer, Duration.ofSeconds(5)));

        assertThat(reader.decode(bytes, PatientEvent.class)).isEqualTo(event());
    }

    @Test
    void aSchemaPublishedWhileTheReaderWaitsIsFound() {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        store(writerProducer, new MockConsumer<>("earliest"), Duration.ofSeconds(1)).publish(newer);
        topicHolds(writerProducer.history(), 3);
        AvroCodec reader = AvroCodec.withStore(store(new MockProducer<>(), readerConsumer, Duration.ofSeconds(5)));

        assertThat(reader.decode(encodeWith(newer, event()), PatientEvent.class)).isEqualTo(event());
    }

    @Test
    void aRecordWhoseSchemaNeverAppearsIsRefusedAfterTheBoundedWaitWithItsReason() {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        byte[] bytes = encodeWith(newer, event());
        topicHolds(List.of(), 0);
        AvroCodec reader = AvroCodec.withStore(store(new MockProducer<>(), readerConsumer, Duration.ofMillis(300)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> reader.decode(bytes))
                .isInstanceOfSatisfying(AvroDecodingException.class, refused ->
                        assertThat(refused.reason()).isEqualTo(DecodingFailure.UNKNOWN_WRITER_SCHEMA))
                .hasMessageContaining("not found in the schema store");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aSchemaThatDidNotAppearCostsTheWaitOnceAndLaterRecordsOfItAreRefusedAtOnce() {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        byte[] bytes = encodeWith(newer, event());
        topicHolds(List.of(), 0);
        AvroCodec reader = AvroCodec.withStore(new KafkaSchemaStore(new MockProducer<>(), readerConsumer, TOPIC,
                Duration.ofMillis(500), Duration.ofMinutes(1)));
        assertThatThrownBy(() -> reader.decode(bytes)).isInstanceOf(AvroDecodingException.class);

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> reader.decode(bytes))
                    .isInstanceOfSatisfying(AvroDecodingException.class, refused ->
                            assertThat(refused.reason()).isEqualTo(DecodingFailure.UNKNOWN_WRITER_SCHEMA));
        }

        // twenty lookups that each waited would take ten seconds
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void aSchemaMissingOnceIsWaitedForAgainAfterTheRetryTime() throws InterruptedException {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        byte[] bytes = encodeWith(newer, event());
        KafkaSchemaStore readerStore = new KafkaSchemaStore(new MockProducer<>(), readerConsumer, TOPIC,
                Duration.ofMillis(300), Duration.ofMillis(200));
        AvroCodec reader = AvroCodec.withStore(readerStore);
        topicHolds(List.of(), 0);
        assertThatThrownBy(() -> reader.decode(bytes)).isInstanceOf(AvroDecodingException.class);

        store(writerProducer, new MockConsumer<>("earliest"), Duration.ofSeconds(1)).publish(newer);
        readerConsumer.schedulePollTask(() -> readerConsumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0,
                writerProducer.history().get(0).key(), writerProducer.history().get(0).value())));
        Thread.sleep(250);

        assertThat(reader.decode(bytes, PatientEvent.class)).isEqualTo(event());
    }

    @Test
    void aCodecWithAStoreKeepsItToItselfTheSharedCodecNeitherPublishesNorLooksUp() {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        KafkaSchemaStore store = store(writerProducer, readerConsumer, Duration.ofSeconds(1));
        store.publish(newer);
        AvroCodec.withStore(store);

        AvroCodec.shared().encode(event());

        assertThat(writerProducer.history()).hasSize(1);
        assertThat(AvroCodec.shared().store()).isEmpty();
        assertThatThrownBy(() -> AvroCodec.shared().decode(encodeWith(newer, event())))
                .isInstanceOfSatisfying(AvroDecodingException.class, refused ->
                        assertThat(refused.reason()).isEqualTo(DecodingFailure.UNKNOWN_WRITER_SCHEMA))
                .hasMessageContaining("no schema store");
    }

    @Test
    void serdesConfiguredWithAServicesCodecPublishAndLookUpThroughItsStore() {
        Schema newer = withNewOptionalField(PatientEvent.getClassSchema());
        store(writerProducer, new MockConsumer<>("earliest"), Duration.ofSeconds(1)).publish(newer);
        topicHolds(writerProducer.history(), 0);
        MockProducer<String, String> ownProducer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        AvroCodec own = AvroCodec.withStore(store(ownProducer, readerConsumer, Duration.ofSeconds(5)));
        Serde<PatientEvent> serde = SerdeSettings.DEFAULT.with(AvroCodec.CONFIG, own).valueSerde();

        serde.serializer().serialize("rxflow.patient-messages", event());

        assertThat(ownProducer.history()).hasSize(1);
        assertThat(serde.deserializer().deserialize("rxflow.patient-messages", encodeWith(newer, event())))
                .isEqualTo(event());
    }

    @Test
    void aClosedStoreRefusesToPublishAndAnswersOnlyFromWhatItHasRead() {
        KafkaSchemaStore store = store(writerProducer, readerConsumer, Duration.ofSeconds(5));
        store.close();
        long started = System.nanoTime();

        assertThat(store.findByFingerprint(42L)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(() -> store.publish(PatientEvent.getClassSchema()))
                .hasMessageContaining("closed");
    }

    @Test
    void aStoreThatNeverReachedItsBrokerWaitsForOnePublicationOnlyAndItsWriterStillWritesEveryRecord() {
        // a producer whose sends are never acknowledged: no broker answers
        MockProducer<String, String> unanswered = new MockProducer<>(false, null, new StringSerializer(),
                new StringSerializer());
        KafkaSchemaStore store = store(unanswered, new MockConsumer<>("earliest"), Duration.ofSeconds(1));
        AvroCodec writer = AvroCodec.withStore(store);
        long started = System.nanoTime();

        byte[] written = writer.encode(event());
        assertThatThrownBy(() -> store.publish(EventMetadata.getClassSchema())).hasMessageContaining("not reached");
        assertThatThrownBy(() -> store.publish(withNewOptionalField(PatientEvent.getClassSchema())))
                .hasMessageContaining("not reached");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("one wait, not three")
                .isLessThan(Duration.ofMillis(2_500));
        assertThat(unanswered.history()).as("publications attempted").hasSize(1);
        assertThat(AvroCodec.shared().decode(written)).as("the record is written with its fingerprint")
                .isEqualTo(event());
    }

    private static KafkaSchemaStore store(MockProducer<String, String> producer, MockConsumer<String, String> consumer,
            Duration wait) {
        return new KafkaSchemaStore(producer, consumer, TOPIC, wait);
    }

    /** The reader's topic holds what was published, visible after the given number of empty polls. */
    private void topicHolds(List<ProducerRecord<String, String>> published, int emptyPollsFirst) {
        readerConsumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        readerConsumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (int i = 0; i < emptyPollsFirst; i++) {
            readerConsumer.schedulePollTask(() -> { });
        }
        List<ProducerRecord<String, String>> records = new ArrayList<>(published);
        readerConsumer.schedulePollTask(() -> {
            for (int offset = 0; offset < records.size(); offset++) {
                ProducerRecord<String, String> record = records.get(offset);
                readerConsumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, record.key(), record.value()));
            }
        });
    }

    /** The envelope as a newer release would ship it: one more optional field. */
    private static Schema withNewOptionalField(Schema current) {
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("channelHint",
                Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "a field this release does not know", Schema.Field.NULL_DEFAULT_VALUE));
        return Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    }

    private static byte[] encodeWith(Schema newer, PatientEvent event) {
        GenericData.Record record = new GenericData.Record(newer);
        event.getSchema().getFields().forEach(field -> record.put(field.name(), event.get(field.pos())));
        record.put("channelHint", "sms");
        try {
            return new BinaryMessageEncoder<Object>(SpecificData.getForSchema(PatientEvent.getClassSchema()), newer)
                    .encode(record).array();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PatientEvent event() {
        return PatientEvent.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId("e-1").setConversationId("c-1").setPatientId("patient_001")
                        .setOccurredAt(Instant.parse("2026-01-02T03:04:05.678Z"))
                        .setCorrelationId("m-1").setSource("gateway").build())
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(new PatientMessageReceived("m-1", "refill my omeprazole", "web", "local-dev"))
                .build();
    }
}
