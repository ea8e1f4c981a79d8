package com.rxflow.platform.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * Crypto-shredding on a real broker: patient messages written through the real serializers with
 * a keyring on the patient-keys topic, and a Kafka Streams table of them with its changelog. The
 * raw bytes of both topics never hold a message's words; after patient A is forgotten, a keyring
 * started afresh (a restarted service, a store rebuilt from its changelog) reads A's words as
 * erased and still reads B's, and A's records otherwise.
 */
@EmbeddedKafka(partitions = 1, topics = CryptoShreddingOnBrokerTest.MESSAGES)
class CryptoShreddingOnBrokerTest extends PatientKeysOnBroker {

    static final String MESSAGES = "rxflow.patient-messages";
    private static final String WORDS_A = "my warfarin dose makes my gums bleed";
    private static final String WORDS_B = "can I refill my sertraline";

    @Test
    void aForgottenPatientsWordsCannotBeReadFromTheTopicOrTheChangelogAndOtherPatientsStillCan(
            EmbeddedKafkaBroker broker) throws Exception {
        KeystoreKeyEncryptionKey kek = KeystoreKeyEncryptionKey.openOrCreate(keystore(), PASSWORD);
        KafkaPatientKeyring writerKeys = keyring(broker, kek);
        Serde<PatientEvent> serde = serde(writerKeys);
        String application = "phi-table-" + UUID.randomUUID();
        String changelog = application + "-latest-changelog";
        KafkaStreams streams = table(broker, serde, application);
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.state() == KafkaStreams.State.RUNNING);

        try (KafkaProducer<String, PatientEvent> producer = new KafkaProducer<>(
                client(broker), new StringSerializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(MESSAGES, "c-a", message("c-a", "pt-a", WORDS_A))).get();
            producer.send(new ProducerRecord<>(MESSAGES, "c-b", message("c-b", "pt-b", WORDS_B))).get();
        }
        List<byte[]> topic = raw(broker, MESSAGES, 2);
        List<byte[]> stored = raw(broker, changelog, 2);

        assertThat(topic).hasSize(2).noneMatch(bytes -> contains(bytes, "warfarin") || contains(bytes, "sertraline"))
                .anyMatch(bytes -> contains(bytes, "pt-a")).anyMatch(bytes -> contains(bytes, "pt-b"));
        assertThat(stored).hasSize(2).noneMatch(bytes -> contains(bytes, "warfarin") || contains(bytes, "sertraline"));
        assertThat(texts(serde, topic)).containsExactly(WORDS_A, WORDS_B);
        assertThat(texts(serde, stored)).containsExactly(WORDS_A, WORDS_B);

        assertThat(writerKeys.forget("pt-a")).isEqualTo(1);
        assertThat(texts(serde, topic)).as("the keyring that forgot").containsExactly(PhiSealer.ERASED, WORDS_B);

        Serde<PatientEvent> afterRestart = serde(keyring(broker,
                KeystoreKeyEncryptionKey.openOrCreate(keystore(), PASSWORD)));
        assertThat(texts(afterRestart, topic)).containsExactly(PhiSealer.ERASED, WORDS_B);
        assertThat(texts(afterRestart, stored)).containsExactly(PhiSealer.ERASED, WORDS_B);
        PatientEvent forgotten = afterRestart.deserializer().deserialize(MESSAGES, stored.get(0));
        assertThat(forgotten.getMetadata().getPatientId()).isEqualTo("pt-a");
        assertThat(forgotten.getType()).isEqualTo(PatientEventType.MESSAGE_RECEIVED);
        assertThat(forgotten.getMessageReceived().getChannel()).isEqualTo("web");
    }

    private static Serde<PatientEvent> serde(KafkaPatientKeyring keyring) {
        return new SerdeSettings(SerdeSettings.DEFAULT.serializer(), SerdeSettings.DEFAULT.deserializer(),
                Map.of(PhiSealer.CONFIG, new PhiSealer(keyring))).valueSerde();
    }

    private KafkaStreams table(EmbeddedKafkaBroker broker, Serde<PatientEvent> serde, String application)
            throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table(MESSAGES, Consumed.with(Serdes.String(), serde),
                Materialized.<String, PatientEvent, org.apache.kafka.streams.state.KeyValueStore<
                        org.apache.kafka.common.utils.Bytes, byte[]>>as("latest")
                        .withKeySerde(Serdes.String()).withValueSerde(serde));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(folder, "streams").toString());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50);
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        KafkaStreams streams = closedAfterwards(new KafkaStreams(builder.build(), config));
        streams.start();
        return streams;
    }

    private static List<byte[]> raw(EmbeddedKafkaBroker broker, String topic, int expected) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<byte[]> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static List<String> texts(Serde<PatientEvent> serde, List<byte[]> values) {
        return values.stream()
                .map(bytes -> serde.deserializer().deserialize(MESSAGES, bytes).getMessageReceived().getText())
                .toList();
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    private static PatientEvent message(String conversationId, String patientId, String text) {
        return PatientEvent.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, "m-" + conversationId, "gateway", Instant.now()))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(PatientMessageReceived.newBuilder().setMessageId("m-" + conversationId)
                        .setText(text).setChannel("web").setClientId("web-app").build())
                .build();
    }
}
