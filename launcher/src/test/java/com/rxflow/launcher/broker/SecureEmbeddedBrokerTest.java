package com.rxflow.launcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The secure embedded broker ({@code rxflow up --secure}) with the ACLs generated from the topic
 * catalogue, tried with real clients: a service writes what the catalogue gives it and nothing else,
 * and a client without a principal reads nothing.
 */
class SecureEmbeddedBrokerTest {

    private static final String PATIENT_MESSAGES = "rxflow.patient-messages";
    private static final String TOOL_RESULTS = "rxflow.tool-results";
    private static final Path DATA = Path.of("target", "secure-broker-test", UUID.randomUUID().toString());

    private static EmbeddedBroker broker;
    private static BrokerSecurity security;

    @BeforeAll
    static void startTheSecureBroker() throws Exception {
        security = BrokerSecurity.prepare(DATA.resolve("secure"), TopicCatalogue.SERVICES);
        broker = EmbeddedBroker.secure(DATA.resolve("kafka"), 0, security).start();
        // as each service creates the topics it uses when it starts
        createAs("gateway", PATIENT_MESSAGES);
        createAs("tools-service", TOOL_RESULTS);
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theGatewayWritesPatientMessagesAndTheProcessorReadsThemInItsGroup() throws Exception {
        String conversation = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            gateway.send(new ProducerRecord<>(PATIENT_MESSAGES, conversation, "refill my lisinopril")).get();
        }

        assertThat(readAll(consumer("conversation-processor", "rxflow-conversation-processor"), PATIENT_MESSAGES))
                .contains(conversation + "=refill my lisinopril");
    }

    @Test
    void theGatewayCannotWriteTheToolServicesResults() {
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            assertThatThrownBy(() -> gateway.send(new ProducerRecord<>(TOOL_RESULTS, "c-1", "forged")).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theGatewayCannotReadPatientMessagesEvenInTheProcessorsGroup() {
        try (KafkaConsumer<String, String> gateway = consumer("gateway", "rxflow-conversation-processor")) {
            gateway.subscribe(List.of(PATIENT_MESSAGES));
            assertThatThrownBy(() -> gateway.poll(Duration.ofSeconds(10)))
                    .isInstanceOfAny(TopicAuthorizationException.class,
                            org.apache.kafka.common.errors.GroupAuthorizationException.class);
        }
    }

    @Test
    void aPlaintextClientWithoutAPrincipalReadsNothing() throws Exception {
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            gateway.send(new ProducerRecord<>(PATIENT_MESSAGES, "c-anonymous", "my allergies")).get();
        }
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(anonymous)) {
            assertThatThrownBy(() -> admin.listTopics().names().get()).isInstanceOf(ExecutionException.class);
        }
        Map<String, Object> reader = new HashMap<>();
        reader.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        reader.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(reader, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(PATIENT_MESSAGES, 0),
                    new TopicPartition(PATIENT_MESSAGES, 1), new TopicPartition(PATIENT_MESSAGES, 2));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int read = 0;
            while (System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertThat(read).isZero();
        }
    }

    @Test
    void aTlsClientWithAWrongPasswordIsRefused() {
        Map<String, Object> settings = new HashMap<>(security.client("gateway", broker.bootstrapServers()));
        settings.put("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gateway\" password=\"guess\";");
        try (Admin admin = Admin.create(settings)) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void aRestartOnTheSameFolderKeepsTheKeysThePasswordsAndTheRules() throws Exception {
        String gatewayPassword = security.password("gateway").orElseThrow();
        broker.close();

        security = BrokerSecurity.prepare(DATA.resolve("secure"), TopicCatalogue.SERVICES);
        broker = EmbeddedBroker.secure(DATA.resolve("kafka"), 0, security).start();

        assertThat(security.password("gateway")).contains(gatewayPassword);
        try (KafkaProducer<String, String> gateway = producer("gateway")) {
            gateway.send(new ProducerRecord<>(PATIENT_MESSAGES, "c-restart", "still me")).get();
            assertThatThrownBy(() -> gateway.send(new ProducerRecord<>(TOOL_RESULTS, "c-restart", "forged")).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void theKeysAndPasswordsAreReadableByTheirOwnerOnly() throws Exception {
        if (!Files.getFileStore(DATA).supportsFileAttributeView("posix")) {
            return;
        }
        assertThat(Files.getPosixFilePermissions(security.dir())).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
        for (String file : List.of("credentials.properties", "broker.p12", "ca.p12", "truststore.p12")) {
            assertThat(Files.getPosixFilePermissions(security.dir().resolve(file))).as(file)
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
    }

    private static void createAs(String service, String topic) throws Exception {
        try (Admin admin = Admin.create(security.client(service, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
    }

    private static KafkaProducer<String, String> producer(String service) {
        Map<String, Object> settings = new HashMap<>(security.client(service, broker.bootstrapServers()));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String service, String group) {
        Map<String, Object> settings = new HashMap<>(security.client(service, broker.bootstrapServers()));
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
    }

    private static List<String> readAll(KafkaConsumer<String, String> consumer, String topic) {
        List<String> read = new ArrayList<>();
        try (consumer) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    read.add(record.key() + "=" + record.value());
                }
            }
        }
        return read;
    }
}
