package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.rxflow.launcher.broker.BrokerSecurity;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.launcher.phi.LocalPhiEncryption;
import com.rxflow.schemas.phi.FieldCipher;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * {@code rxflow up --secure --encrypt-phi} end to end: the four services on the secure embedded
 * broker, each with its own SCRAM principal and only the catalogue's ACLs (the patient-keys topic's
 * included), with PHI sealed per patient, serve a patient's turn and a handoff to a pharmacist; with
 * the same credentials a service cannot forge another's records, a client without credentials reads
 * no patient's replies, a service's principal reads only sealed PHI on the raw topics, and a privacy
 * officer's erasure goes through the secure broker. {@code --secure} alone differs only by the
 * keyrings and serdes ({@code PhiEncryptedStackEndToEndTest} runs PHI without it; one stack start
 * here instead of two keeps the suite's time down).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureStackEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private final TopicCatalogue catalogue = TopicCatalogue.defaults();
    private final AtomicReference<BrokerSecurity> security = new AtomicReference<>();
    private RunningStack running;
    private Map<String, Object> phi;

    @BeforeAll
    void startTheSecureStackWithPhiEncryption() throws IOException {
        phi = LocalPhiEncryption.prepare(Files.createTempDirectory("phi"));
        running = RunningStack.start(this::secureBroker, UnaryOperator.identity(), phi);
    }

    private EmbeddedBroker secureBroker(Path kafkaDir) {
        security.set(BrokerSecurity.prepare(kafkaDir.resolveSibling("secure"), TopicCatalogue.SERVICES));
        return EmbeddedBroker.secure(kafkaDir, 0, security.get());
    }

    @AfterAll
    void stopTheStack() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aPatientsTurnAndAHandoffToAPharmacistWorkOverTheSecureBroker() {
        String conversation = open("patient_001");

        ResponseEntity<Map<String, Object>> answer = post(conversation, "m-1", "Which medications am I on?");
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(EndToEndScenarios.list(answer.getBody().get("replies"))).singleElement()
                .satisfies(reply -> assertThat((String) reply.get("text")).contains("John").contains("Omeprazole"));

        ResponseEntity<Map<String, Object>> handoff = post(conversation, "m-2", "Can I talk to a pharmacist?");
        assertThat(handoff.getStatusCode().value()).isEqualTo(200);
        assertThat(EndToEndScenarios.map(handoff.getBody().get("conversation"))).containsEntry("step", "WITH_PHARMACIST");
    }

    @Test
    void theServicesAreEachTheirOwnPrincipalOnTheBroker() {
        assertThat(running.stack().context("gateway").getEnvironment().getProperty("spring.kafka.properties.sasl.jaas.config"))
                .contains("username=\"gateway\"");
        assertThat(running.stack().context("tools-service").getEnvironment().getProperty("spring.kafka.security.protocol"))
                .isEqualTo("SASL_SSL");
    }

    @Test
    void theGatewaysPrincipalCannotForgeAToolResultNorTheProcessorsAnOrder() {
        assertForbiddenWrite("gateway", catalogue.name(TopicCatalogue.TOOL_RESULTS));
        assertForbiddenWrite("conversation-processor", catalogue.name(TopicCatalogue.PHARMACY_ORDERS));
        assertForbiddenWrite("tools-service", catalogue.name(TopicCatalogue.ASSISTANT_REPLIES));
    }

    @Test
    void aClientWithoutCredentialsReadsNoReplies() {
        String conversation = open("patient_002");
        assertThat(post(conversation, "m-1", "Which medications am I on?").getStatusCode().value()).isEqualTo(200);

        Map<String, Object> anonymous = new HashMap<>();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers());
        anonymous.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        String replies = catalogue.name(TopicCatalogue.ASSISTANT_REPLIES);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(anonymous, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(replies, 0), new TopicPartition(replies, 1),
                    new TopicPartition(replies, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(read).isZero();
        }
        // the same reader with the gateway's credentials does read them: the replies are there
        Map<String, Object> gateway = new HashMap<>(security.get().client("gateway", running.bootstrapServers()));
        gateway.put(ConsumerConfig.GROUP_ID_CONFIG, "gateway-e2e-probe");
        gateway.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(gateway, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(replies));
            int read = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read == 0 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(read).isPositive();
        }
    }

    @Test
    @Order(Order.DEFAULT + 1) // last: it forgets patient_001, whom the other tests' turns need
    void theRawTopicsHoldOnlySealedPhiAndAPrivacyOfficerForgetsThePatientThroughTheSecureBroker() {
        String conversation = open("patient_001");
        ResponseEntity<Map<String, Object>> answer = post(conversation, "m-1", "Which medications am I on?");
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().toString()).as("the patient reads the reply in the clear").contains("Omeprazole");

        // read raw, as the principals the catalogue lets read them: the processor its input, the gateway the replies
        List<ConsumerRecord<String, byte[]>> messages = rawRecords("conversation-processor",
                catalogue.name(TopicCatalogue.PATIENT_MESSAGES), conversation);
        ConsumerRecord<String, byte[]> message = messages.get(messages.size() - 1); // opened, then the message
        List<ConsumerRecord<String, byte[]>> replies = rawRecords("gateway",
                catalogue.name(TopicCatalogue.ASSISTANT_REPLIES), conversation);
        assertThat(text(message)).contains(FieldCipher.STRING_PREFIX).doesNotContain("Which medications");
        assertThat(replies).allSatisfy(reply -> assertThat(text(reply)).as("a raw reply")
                .contains(FieldCipher.STRING_PREFIX).doesNotContainIgnoringCase("omeprazole").doesNotContain("John"));

        ResponseEntity<Map<String, Object>> erased = RestClient.create(running.consoleUrl()).delete()
                .uri("/api/v1/patients/{id}/data-keys", "patient_001")
                .headers(headers -> headers.setBasicAuth("privacy", "rxflow-local-privacy"))
                .retrieve().toEntity(JSON);
        assertThat(erased.getStatusCode().value()).as("%s", erased.getBody()).isEqualTo(202);
        assertThat((List<?>) erased.getBody().get("keyIdsErased")).isNotEmpty();

        // a keyring started now, as the processor's principal, has no key for the patient: their words read as erased
        Map<String, Object> processor = security.get().client("conversation-processor", running.bootstrapServers());
        try (KafkaPatientKeyring fresh = new KafkaPatientKeyring(catalogue.name(TopicCatalogue.PATIENT_KEYS), processor,
                KeystoreKeyEncryptionKey.openOrCreate(Path.of((String) phi.get("rxflow.phi.encryption.kek-keystore")),
                        ((String) phi.get("rxflow.phi.encryption.kek-password")).toCharArray()),
                Duration.ofSeconds(1), Clock.systemUTC())) {
            PatientEvent read = new SerdeSettings(SerdeSettings.DEFAULT.serializer(), SerdeSettings.DEFAULT.deserializer(),
                    Map.of(PhiSealer.CONFIG, new PhiSealer(fresh))).<PatientEvent>valueSerde().deserializer()
                    .deserialize(message.topic(), message.value());
            assertThat(read.getMessageReceived().getText()).isEqualTo(PhiSealer.ERASED);
            assertThat(read.getMetadata().getConversationId()).isEqualTo(conversation);
        }
    }

    /** The conversation's records on a topic, read to its end with the service's credentials and no group. */
    private List<ConsumerRecord<String, byte[]>> rawRecords(String service, String topic, String conversation) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                security.get().client(service, running.bootstrapServers()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (conversation.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
            assertThat(found).as("%s's records on %s", conversation, topic).isNotEmpty();
            return found;
        }
    }

    private static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.ISO_8859_1);
    }

    private void assertForbiddenWrite(String service, String topic) {
        Map<String, Object> settings = new HashMap<>(security.get().client(service, running.bootstrapServers()));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "c-forged", new byte[] {1})).get())
                    .as("%s writes %s", service, topic).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    private String open(String patientId) {
        ResponseEntity<Map<String, Object>> created = running.openConversation(patientId);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        return (String) created.getBody().get("conversationId");
    }

    private ResponseEntity<Map<String, Object>> post(String conversation, String messageId, String text) {
        return running.gateway(RunningStack.WEB_KEY).post().uri("/api/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON).header("Prefer", "wait=20")
                .body(Map.of("messageId", messageId, "text", text)).retrieve().toEntity(JSON);
    }
}
