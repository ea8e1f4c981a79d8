package com.rxflow.platform.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PatientKeyEraser;
import com.rxflow.schemas.phi.PatientKeyRewrapper;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * A KEK rotated, the data keys re-wrapped, the old KEK removed from the keystore: every record
 * sealed before stays readable by a keyring that has only the new KEK, and a forgotten patient stays
 * forgotten, also when forgotten while the re-wrap runs.
 */
@EmbeddedKafka(partitions = 3)
class KekRetirementOnBrokerTest extends PatientKeysOnBroker {

    @Test
    void afterARewrapTheOldKekIsRetiredAndEveryRecordStillOpensButAForgottenPatientStaysForgotten(
            EmbeddedKafkaBroker broker) {
        KafkaPatientKeyring before = keyring(broker, kek());
        PhiSealer sealing = new PhiSealer(before);
        PatientEvent a = sealing.seal(message("pt-a", "my warfarin makes me bleed"));
        PatientEvent b = sealing.seal(message("pt-b", "sertraline 50 mg"));
        PatientEvent c = sealing.seal(message("pt-c", "metformin"));
        assertThat(PatientKeyEraser.forget(topic, client(broker), "pt-c")).hasSize(1);

        KeystoreKeyEncryptionKey.rotate(keystore(), PASSWORD);
        KeystoreKeyEncryptionKey rotated = kek();
        assertThat(rotated.currentId()).isEqualTo("kek-2");
        PatientEvent d = new PhiSealer(keyring(broker, rotated)).seal(message("pt-d", "omeprazole"));
        assertThat(PatientKeyRewrapper.keysByKek(topic, client(broker))).isEqualTo(
                Map.of("kek-1", 2, "kek-2", 1));

        PatientKeyRewrapper.Result result = new PatientKeyRewrapper(topic, client(broker), rotated).rewrap();

        KeystoreKeyEncryptionKey.retire(keystore(), PASSWORD, "kek-1");
        KeystoreKeyEncryptionKey retired = kek();
        assertThat(retired.ids()).containsExactly("kek-2");
        PhiSealer opening = new PhiSealer(keyring(broker, retired));
        assertThat(text(opening, a)).isEqualTo("my warfarin makes me bleed");
        assertThat(text(opening, b)).isEqualTo("sertraline 50 mg");
        assertThat(text(opening, d)).isEqualTo("omeprazole");
        assertThat(text(opening, c)).as("forgotten before the re-wrap").isEqualTo(PhiSealer.ERASED);
        assertThat(text(new PhiSealer(before), a)).as("a keyring running through the re-wrap: the same data key")
                .isEqualTo("my warfarin makes me bleed");

        assertThat(result).isEqualTo(new PatientKeyRewrapper.Result("kek-2", 2, 1, 1, 0, Map.of()));
        assertThat(PatientKeyRewrapper.keysByKek(topic, client(broker))).isEqualTo(Map.of("kek-2", 3));
        assertThat(new PatientKeyRewrapper(topic, client(broker), retired).rewrap())
                .as("a second run has nothing to do").isEqualTo(new PatientKeyRewrapper.Result("kek-2", 0, 3, 1, 0, Map.of()));
    }

    @Test
    void withoutTheRewrapAKeyringWithoutTheRetiredKekCannotOpenTheOldRecords(EmbeddedKafkaBroker broker) {
        PatientEvent a = new PhiSealer(keyring(broker, kek())).seal(message("pt-a", "my warfarin makes me bleed"));
        KeystoreKeyEncryptionKey.rotate(keystore(), PASSWORD);
        KeystoreKeyEncryptionKey.retire(keystore(), PASSWORD, "kek-1");

        PhiSealer opening = new PhiSealer(keyring(broker, kek()));
        assertThatThrownBy(() -> text(opening, a)).hasStackTraceContaining("unknown key-encryption key kek-1");
    }

    @Test
    void aPatientForgottenWhileTheRewrapRunsIsNotBroughtBack(EmbeddedKafkaBroker broker) {
        KafkaPatientKeyring before = keyring(broker, kek());
        PhiSealer sealing = new PhiSealer(before);
        PatientEvent a = sealing.seal(message("pt-a", "my warfarin makes me bleed"));
        PatientEvent b = sealing.seal(message("pt-b", "sertraline 50 mg"));
        KeystoreKeyEncryptionKey.rotate(keystore(), PASSWORD);

        // the topic read, the keys re-wrapped in memory, and then the patient is forgotten before the writes
        PatientKeyRewrapper.Result result = new PatientKeyRewrapper(topic, client(broker), kek())
                .rewrap(() -> assertThat(PatientKeyEraser.forget(topic, client(broker), "pt-a")).hasSize(1));

        PhiSealer restarted = new PhiSealer(keyring(broker, kek()));
        assertThat(text(restarted, a)).isEqualTo(PhiSealer.ERASED);
        assertThat(text(restarted, b)).isEqualTo("sertraline 50 mg");
        assertThat(PatientKeyRewrapper.keysByKek(topic, client(broker))).isEqualTo(Map.of("kek-2", 1));
        assertThat(result).isEqualTo(new PatientKeyRewrapper.Result("kek-2", 1, 0, 0, 1, Map.of()));
        KeystoreKeyEncryptionKey.retire(keystore(), PASSWORD, "kek-1");
        PhiSealer retired = new PhiSealer(keyring(broker, kek()));
        assertThat(text(retired, a)).isEqualTo(PhiSealer.ERASED);
        assertThat(text(retired, b)).isEqualTo("sertraline 50 mg");
        await().atMost(REFRESH_EVERY.plusSeconds(2)).pollInterval(Duration.ofMillis(100))
                .alias("a keyring running through it drops the key too")
                .until(() -> PhiSealer.ERASED.equals(text(new PhiSealer(before), a)));
    }

    @Test
    void aKeyWrappedByAKekTheKeystoreDoesNotHoldIsListedAndLeftAlone(EmbeddedKafkaBroker broker) {
        KeystoreKeyEncryptionKey other = KeystoreKeyEncryptionKey.openOrCreate(folder.resolve("other.p12"), PASSWORD);
        KeystoreKeyEncryptionKey.rotate(folder.resolve("other.p12"), PASSWORD);
        PatientEvent a = new PhiSealer(keyring(broker, KeystoreKeyEncryptionKey.openOrCreate(folder.resolve("other.p12"),
                PASSWORD))).seal(message("pt-a", "my warfarin makes me bleed"));
        assertThat(other.currentId()).isEqualTo("kek-1");
        kek(); // this keystore: kek-1 only, not the other's kek-2

        PatientKeyRewrapper.Result result = new PatientKeyRewrapper(topic, client(broker), kek()).rewrap();

        assertThat(result.rewrapped()).isZero();
        assertThat(result.unreadable()).hasSize(1).hasValueSatisfying(new org.assertj.core.api.Condition<>(
                reason -> reason.contains("unknown key-encryption key kek-2"), "names the KEK"));
        assertThat(PatientKeyRewrapper.keysByKek(topic, client(broker))).isEqualTo(Map.of("kek-2", 1));
        assertThat(text(new PhiSealer(keyring(broker, KeystoreKeyEncryptionKey.openOrCreate(folder.resolve("other.p12"),
                PASSWORD))), a)).isEqualTo("my warfarin makes me bleed");
    }

    private KeystoreKeyEncryptionKey kek() {
        return KeystoreKeyEncryptionKey.openOrCreate(keystore(), PASSWORD);
    }
}
