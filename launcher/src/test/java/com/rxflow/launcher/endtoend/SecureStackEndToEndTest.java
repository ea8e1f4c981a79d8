package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.rxflow.launcher.broker.BrokerSecurity;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * {@code rxflow up --secure} end to end: the four services on the secure embedded broker, each
 * with its own SCRAM principal and only the catalogue's ACLs, serve a patient's turn and a handoff
 * to a pharmacist; with the same credentials a service cannot forge another's records, and a client
 * without credentials reads no patient's replies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureStackEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private final TopicCatalogue catalogue = TopicCatalogue.defaults();
    private final AtomicReference<BrokerSecurity> security = new AtomicReference<>();
    private RunningStack running;

    @BeforeAll
    void startTheSecureStack() {
        running = RunningStack.start(this::secureBroker);
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
