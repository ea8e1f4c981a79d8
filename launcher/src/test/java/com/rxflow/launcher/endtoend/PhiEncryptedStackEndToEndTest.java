package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.launcher.RxflowCli;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.launcher.phi.LocalPhiEncryption;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PatientKeysTopic;
import com.rxflow.schemas.phi.PhiSealer;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * The whole stack as {@code rxflow up --encrypt-phi} runs it: a patient's refill turn goes through,
 * no topic or changelog holds the medication's name in its bytes, and after
 * {@code rxflow forget-patient} a fresh keyring reads the patient's message as erased.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhiEncryptedStackEndToEndTest {

    private static final String MEDICATION = "omeprazole";

    private RunningStack running;
    private Map<String, Object> phi;

    @BeforeAll
    void startTheStack() throws Exception {
        phi = LocalPhiEncryption.prepare(Files.createTempDirectory("phi"));
        running = RunningStack.start(dataDir -> new EmbeddedBroker(dataDir, 0),
                java.util.function.UnaryOperator.identity(), phi);
    }

    @AfterAll
    void stopTheStack() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aTurnGoesThroughWithNoMedicationNameInAnyTopicAndForgettingThePatientErasesTheirWords() {
        String conversation = (String) running.openConversation("patient_001").getBody().get("conversationId");
        ResponseEntity<Map<String, Object>> answer = running.gateway(RunningStack.WEB_KEY).post()
                .uri("/api/v1/conversations/{id}/messages", conversation).header("Prefer", "wait=30")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("messageId", "phi-1", "text", "I need to refill my " + MEDICATION))
                .retrieve().toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody().toString()).as("the patient reads the reply in the clear").containsIgnoringCase(MEDICATION);

        List<ConsumerRecord<String, byte[]>> records = readAll();
        assertThat(records).extracting(ConsumerRecord::topic).contains("rxflow.patient-messages",
                "rxflow.conversation-events", "rxflow.assistant-replies", "rxflow.tool-commands", "rxflow.tool-results")
                .anyMatch(topic -> topic.startsWith("rxflow-conversation-processor-") && topic.endsWith("-changelog"));
        List<String> leaks = records.stream().filter(r -> r.value() != null
                        && new String(r.value(), StandardCharsets.ISO_8859_1).toLowerCase().contains(MEDICATION))
                .map(r -> r.topic() + "@" + r.offset()).toList();
        assertThat(leaks).as("records holding the medication's name in the clear").isEmpty();

        byte[] message = records.stream().filter(r -> r.topic().equals("rxflow.patient-messages")
                && conversation.equals(r.key())).reduce((a, b) -> b).orElseThrow().value();
        StringWriter out = new StringWriter();
        assertThat(RxflowCli.commandLine().setOut(new PrintWriter(out))
                .execute("forget-patient", "patient_001", "--bootstrap-server", running.bootstrapServers()))
                .as(out.toString()).isZero();
        try (KafkaPatientKeyring fresh = new KafkaPatientKeyring(PatientKeysTopic.DEFAULT_NAME,
                Map.of("bootstrap.servers", running.bootstrapServers()),
                KeystoreKeyEncryptionKey.openOrCreate(Path.of((String) phi.get("rxflow.phi.encryption.kek-keystore")),
                        ((String) phi.get("rxflow.phi.encryption.kek-password")).toCharArray()),
                Duration.ofSeconds(1), Clock.systemUTC())) {
            PatientEvent read = new SerdeSettings(SerdeSettings.DEFAULT.serializer(), SerdeSettings.DEFAULT.deserializer(),
                    Map.of(PhiSealer.CONFIG, new PhiSealer(fresh))).<PatientEvent>valueSerde().deserializer()
                    .deserialize("rxflow.patient-messages", message);
            assertThat(read.getMessageReceived().getText()).isEqualTo(PhiSealer.ERASED);
            assertThat(read.getMetadata().getConversationId()).isEqualTo(conversation);
        }
    }

    private List<ConsumerRecord<String, byte[]>> readAll() {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-phi-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(Pattern.compile("rxflow.*"));
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < until) {
                reader.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }
}
