package com.rxflow.platform.phi;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeyEncryptionKey;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * The fixture of the keyring tests on a real broker (each subclass names its {@code @EmbeddedKafka}):
 * a keystore file in a fresh folder, a fresh patient-keys topic, keyrings on that topic (and anything
 * else handed to {@link #closedAfterwards}) closed after each test, and the patient messages they seal
 * and open.
 */
abstract class PatientKeysOnBroker {

    static final char[] PASSWORD = "kek-password".toCharArray();
    static final Duration REFRESH_EVERY = Duration.ofSeconds(1);

    @TempDir
    Path folder;

    final String topic = "patient-keys-" + UUID.randomUUID();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeTheKeyrings() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** The test's KEK keystore in {@link #folder}, not created yet. */
    Path keystore() {
        return folder.resolve("kek.p12");
    }

    /** A keyring on the test's topic with the default cache size, closed after the test. */
    KafkaPatientKeyring keyring(EmbeddedKafkaBroker broker, KeyEncryptionKey kek) {
        return closedAfterwards(new KafkaPatientKeyring(topic, client(broker), kek, REFRESH_EVERY, Clock.systemUTC()));
    }

    /** A keyring on the test's topic holding at most {@code cacheSize} unwrapped keys, closed after the test. */
    KafkaPatientKeyring keyring(EmbeddedKafkaBroker broker, KeyEncryptionKey kek, int cacheSize) {
        return closedAfterwards(new KafkaPatientKeyring(topic, client(broker), kek, REFRESH_EVERY, Clock.systemUTC(),
                cacheSize));
    }

    /** {@code resource}, closed after the test (the last opened first). */
    <T extends AutoCloseable> T closedAfterwards(T resource) {
        open.add(resource);
        return resource;
    }

    static Map<String, Object> client(EmbeddedKafkaBroker broker) {
        return Map.of("bootstrap.servers", broker.getBrokersAsString());
    }

    /** A record as a consumer would get it: opening works in place, so each open gets its own copy. */
    static PatientEvent copy(PatientEvent sealed) {
        return PatientEvent.newBuilder(sealed).build();
    }

    /** The text of a copy of {@code sealed}, opened. */
    static String text(PhiSealer opening, PatientEvent sealed) {
        return opening.open(copy(sealed)).getMessageReceived().getText();
    }

    static PatientEvent message(String patientId, String text) {
        return PatientEvent.newBuilder()
                .setMetadata(Metadata.start("c-" + patientId, patientId, "m-1", "gateway", Instant.now()))
                .setType(PatientEventType.MESSAGE_RECEIVED)
                .setMessageReceived(PatientMessageReceived.newBuilder().setMessageId("m-1")
                        .setText(text).setChannel("web").setClientId("web-app").build())
                .build();
    }
}
