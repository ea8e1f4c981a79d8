package com.rxflow.escalation.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.escalation.StaffClient;
import com.rxflow.escalation.TopicReader;
import com.rxflow.schemas.phi.DataKey;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeyEncryptionKey;
import com.rxflow.schemas.phi.PatientKeysTopic;

import tools.jackson.databind.JsonNode;

/**
 * Forgetting a patient through the API, with PHI encryption on, on a real broker: the privacy
 * officer's call tombstones that patient's data keys on the patient-keys topic and no one else's,
 * and is on the audit trail; everyone else is refused.
 */
@EscalationServiceTest
@TestPropertySource(properties = {
        "rxflow.phi.encryption.enabled=true",
        "rxflow.phi.encryption.kek-keystore=target/phi-test/${random.uuid}/kek.p12",
        "rxflow.phi.encryption.kek-password=test-kek-password"})
class ForgetPatientApiTest {

    private final KafkaPatientKeyring keyring;
    private final KeyEncryptionKey kek;
    private final EmbeddedKafkaBroker broker;
    private final String base;

    @Autowired
    ForgetPatientApiTest(KafkaPatientKeyring keyring, KeyEncryptionKey kek, EmbeddedKafkaBroker broker,
            @LocalServerPort int port) {
        this.keyring = keyring;
        this.kek = kek;
        this.broker = broker;
        this.base = "http://localhost:" + port;
    }

    @Test
    void aPrivacyOfficerTombstonesThePatientsDataKeysAndNoOneElsesAndTheErasureIsAudited() {
        String forgotten = patient();
        String kept = patient();
        DataKey forgottenKey = keyring.currentKey(forgotten);
        DataKey keptKey = keyring.currentKey(kept);

        StaffClient.Response erased = as("pprivacy").delete(path(forgotten));

        assertThat(erased.status()).as(erased.body()).isEqualTo(202);
        JsonNode body = erased.json();
        assertThat(body.get("patientId").asString()).isEqualTo(forgotten);
        assertThat(body.get("topic").asString()).isEqualTo(PatientKeysTopic.DEFAULT_NAME);
        assertThat(body.get("keyIdsErased").values()).extracting(JsonNode::asString)
                .containsExactly(forgottenKey.keyId());
        assertThat(body.get("erasedBy").asString()).isEqualTo("pprivacy");

        List<ConsumerRecord<String, byte[]>> topic = readKeysTopic(forgotten + "/" + forgottenKey.keyId());
        assertThat(topic).filteredOn(r -> r.key().equals(forgotten + "/" + forgottenKey.keyId()))
                .extracting(ConsumerRecord::value).as("the key, then its tombstone").hasSize(2).last().isNull();
        assertThat(topic).filteredOn(r -> r.key().startsWith(kept + "/")).extracting(ConsumerRecord::value)
                .as("the other patient's key, untouched").hasSize(1).doesNotContainNull();
        try (KafkaPatientKeyring restarted = new KafkaPatientKeyring(PatientKeysTopic.DEFAULT_NAME,
                Map.of("bootstrap.servers", broker.getBrokersAsString()), kek, Duration.ofSeconds(1),
                Clock.systemUTC())) {
            assertThat(restarted.key(forgotten, forgottenKey.keyId())).as("a keyring started afterwards").isEmpty();
            assertThat(restarted.key(kept, keptKey.keyId())).isPresent();
        }

        String requestId = body.get("requestId").asString();
        JsonNode audited = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> accessesOf(forgotten).stream()
                        .filter(a -> a.get("purposeId").asString().equals(requestId)).findFirst().orElse(null),
                        access -> access != null);
        assertThat(audited.get("action").asString()).isEqualTo("DATA_KEYS_ERASED");
        assertThat(audited.get("purposeKind").asString()).isEqualTo("ERASURE");
        assertThat(audited.get("actorKind").asString()).isEqualTo("STAFF");
        assertThat(audited.get("actorId").asString()).isEqualTo("pprivacy");
        assertThat(audited.get("occurredAt").isNull()).isFalse();
    }

    @Test
    void forgettingAPatientAgainTombstonesNothingMore() {
        String patient = patient();
        keyring.currentKey(patient);
        assertThat(as("pprivacy").delete(path(patient)).status()).isEqualTo(202);

        StaffClient.Response again = as("pprivacy").delete(path(patient));

        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().get("keyIdsErased").isEmpty()).isTrue();
    }

    @Test
    void pharmacistsPrescribersAuditorsAndAnonymousCallersMayNotForgetAPatientAndTheKeyStays() {
        String patient = patient();
        DataKey key = keyring.currentKey(patient);

        assertThat(as("jmartinez").delete(path(patient)).status()).isEqualTo(403);
        assertThat(as("drjohnson").delete(path(patient)).status()).isEqualTo(403);
        assertThat(as("aauditor").delete(path(patient)).status()).isEqualTo(403);
        StaffClient.Response anonymous = new StaffClient(base, null, null).delete(path(patient));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("type").asString()).isEqualTo("https://rxflow.dev/problems/unauthorized");

        assertThat(readKeysTopic(null)).filteredOn(r -> r.key().equals(patient + "/" + key.keyId()))
                .extracting(ConsumerRecord::value).hasSize(1).doesNotContainNull();
    }

    @Test
    void aMalformedPatientIdIsAProblemAndErasesNothing() {
        StaffClient.Response invalid = as("pprivacy").delete("/api/v1/patients/not%20an%20id/data-keys");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json().get("type").asString()).isEqualTo("https://rxflow.dev/problems/validation");
    }

    private List<JsonNode> accessesOf(String patient) {
        StaffClient.Response page = as("aauditor").get("/api/v1/audit/patients/" + patient + "/accesses");
        List<JsonNode> accesses = new ArrayList<>();
        if (page.status() == 200) {
            page.json().get("accesses").forEach(accesses::add);
        }
        return accesses;
    }

    /** The patient-keys topic from its beginning: up to the awaited record key, or what a short read finds. */
    private List<ConsumerRecord<String, byte[]>> readKeysTopic(String awaitedTombstone) {
        try (TopicReader<byte[]> reader = new TopicReader<>(broker, PatientKeysTopic.DEFAULT_NAME,
                new ByteArrayDeserializer())) {
            if (awaitedTombstone != null) {
                reader.awaitFirst(r -> r.key().equals(awaitedTombstone) && r.value() == null);
            }
            reader.awaitFirst(r -> false, Duration.ofMillis(500)); // read what there is
            reader.awaitFirst(r -> false, Duration.ofMillis(500));
            return reader.records();
        }
    }

    private static String patient() {
        return "pt_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String path(String patient) {
        return "/api/v1/patients/" + patient + "/data-keys";
    }

    private StaffClient as(String user) {
        return new StaffClient(base, user, EscalationServiceTest.PASSWORD);
    }
}
