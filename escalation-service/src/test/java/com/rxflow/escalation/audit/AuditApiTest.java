package com.rxflow.escalation.audit;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.escalation.StaffClient;
import com.rxflow.escalation.TopicReader;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.schemas.audit.AuditChainVerifier;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

import tools.jackson.databind.JsonNode;

/** The audit trail of escalation-service on a real broker: case reads and actions recorded, the auditor's API. */
@EscalationServiceTest
class AuditApiTest {

    private static final String PATIENT = "patient-7";

    private final Topic<String, EscalationCommand> commands;
    private final KafkaProducer<String, EscalationCommand> producer;
    private final EmbeddedKafkaBroker broker;
    private final String auditLog;
    private final String base;

    @Autowired
    AuditApiTest(TopicCatalogue catalogue, EmbeddedKafkaBroker broker, @LocalServerPort int port) {
        this.commands = catalogue.topic(TopicCatalogue.ESCALATION_COMMANDS);
        this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                commands.valueSerde().serializer());
        this.broker = broker;
        this.auditLog = catalogue.name(TopicCatalogue.AUDIT_LOG);
        this.base = "http://localhost:" + port;
    }

    @AfterEach
    void close() {
        producer.close();
    }

    @Test
    void aCaseReadAndAClaimLeaveRecordsThatTheAuditorListsNewestFirst() {
        String id = openCase();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("jmartinez").get("/api/v1/cases/" + id).status() == 200);
        assertThat(as("jmartinez").post("/api/v1/cases/" + id + "/claim", null).status()).isEqualTo(200);

        JsonNode page = awaitAccess(a -> a.get("purposeId").asString().equals(id)
                && a.get("action").asString().equals("CASE_ACTION"));
        List<JsonNode> ofCase = ofPurpose(page, id);

        assertThat(page.get("patientPseudonym").asString()).startsWith("pt-").doesNotContain(PATIENT);
        assertThat(ofCase).extracting(a -> a.get("action").asString()).containsSubsequence("CASE_ACTION", "CASE_READ");
        JsonNode read = ofCase.stream().filter(a -> a.get("action").asString().equals("CASE_READ")).findFirst()
                .orElseThrow();
        assertThat(read.get("actorKind").asString()).isEqualTo("STAFF");
        assertThat(read.get("actorId").asString()).isEqualTo("jmartinez");
        assertThat(read.get("purposeKind").asString()).isEqualTo("CASE");
        assertThat(read.get("service").asString()).isEqualTo("escalation-service");
        assertThat(read.get("hash").asString()).hasSize(64);
        JsonNode claim = ofCase.get(0);
        assertThat(claim.get("detail").asString()).isEqualTo("CLAIM");
        assertThat(claim.get("sequence").asLong()).isGreaterThan(read.get("sequence").asLong());
    }

    @Test
    void readingAPatientsAccessesIsItselfRecorded() {
        String queryId = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("aauditor").get("/api/v1/audit/patients/" + PATIENT + "/accesses"),
                        r -> r.status() == 200).json().get("queryId").asString();

        JsonNode page = awaitAccess(a -> a.get("purposeId").asString().equals(queryId));
        JsonNode own = ofPurpose(page, queryId).get(0);

        assertThat(own.get("action").asString()).isEqualTo("AUDIT_READ");
        assertThat(own.get("actorId").asString()).isEqualTo("aauditor");
        assertThat(own.get("purposeKind").asString()).isEqualTo("AUDIT");
    }

    @Test
    void aPharmacistOrAPrescriberMayNotReadTheAuditTrailNorMayAnAuditorReadACase() {
        assertThat(as("jmartinez").get("/api/v1/audit/patients/" + PATIENT + "/accesses").status()).isEqualTo(403);
        assertThat(as("drjohnson").get("/api/v1/audit/patients/" + PATIENT + "/accesses").status()).isEqualTo(403);
        assertThat(new StaffClient(base, null, null).get("/api/v1/audit/patients/" + PATIENT + "/accesses").status())
                .isEqualTo(401);
        assertThat(as("aauditor").get("/api/v1/cases").status()).isEqualTo(403);
        assertThat(as("aauditor").get("/api/v1/audit/patients/not%20an%20id/accesses").status()).isEqualTo(400);
    }

    @Test
    void theAuditPageIsServedToAuditorsOnlyWithItsScriptFromAFile() {
        StaffClient.Response page = as("aauditor").page("/audit.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"audit.js\" defer></script>").doesNotContain("<style")
                .doesNotContain("onclick");
        assertThat(as("aauditor").get("/audit.js").status()).isEqualTo(200);
        assertThat(as("aauditor").get("/common.css").status()).as("the stylesheet it shares with the console").isEqualTo(200);
        assertThat(as("jmartinez").page("/audit.html").status()).isEqualTo(403);
    }

    @Test
    void theAuditLogOnTheBrokerIsAnIntactChainInEveryPartition() {
        String id = openCase();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("jmartinez").get("/api/v1/cases/" + id).status() == 200);
        awaitAccess(a -> a.get("purposeId").asString().equals(id));

        try (TopicReader<byte[]> log = new TopicReader<>(broker, auditLog, new ByteArrayDeserializer())) {
            log.awaitFirst(r -> true);
            log.awaitFirst(r -> false, Duration.ofMillis(500)); // read what there is
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(log.records());
            for (int partition = 0; partition < 3; partition++) {
                AuditChainVerifier verifier = new AuditChainVerifier(partition);
                int p = partition;
                records.stream().filter(r -> r.partition() == p).forEach(r -> verifier.accept(r.offset(), r.value()));
                assertThat(verifier.report().firstBreak()).as("partition %d", partition).isEmpty();
            }
            assertThat(records).isNotEmpty();
        }
    }

    private JsonNode awaitAccess(Predicate<JsonNode> expected) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> as("aauditor").get("/api/v1/audit/patients/" + PATIENT + "/accesses"),
                        r -> r.status() == 200 && accesses(r.json()).stream().anyMatch(expected))
                .json();
    }

    private static List<JsonNode> ofPurpose(JsonNode page, String purposeId) {
        return accesses(page).stream().filter(a -> a.get("purposeId").asString().equals(purposeId)).toList();
    }

    private static List<JsonNode> accesses(JsonNode page) {
        List<JsonNode> accesses = new ArrayList<>();
        page.get("accesses").forEach(accesses::add);
        return accesses;
    }

    private String openCase() {
        String conversation = "conv-" + UUID.randomUUID();
        String id = "esc-" + UUID.randomUUID();
        EscalationCommand command = anEscalation().conversation(conversation).escalationId(id).build();
        producer.send(new ProducerRecord<>(commands.name(), conversation, command));
        producer.flush();
        return id;
    }

    private StaffClient as(String user) {
        return new StaffClient(base, user, EscalationServiceTest.PASSWORD);
    }
}
