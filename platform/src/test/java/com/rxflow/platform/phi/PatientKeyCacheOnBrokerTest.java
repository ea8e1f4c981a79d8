package com.rxflow.platform.phi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.schemas.phi.KafkaPatientKeyring;
import com.rxflow.schemas.phi.KeyEncryptionKey;
import com.rxflow.schemas.phi.KeystoreKeyEncryptionKey;
import com.rxflow.schemas.phi.PatientKeyEraser;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * The keyring's cache of unwrapped data keys on a real broker: a key is unwrapped once, when first
 * used; at most the cache size are held; and a key forgotten elsewhere is dropped from a running
 * keyring's memory within {@code refreshEvery}, without waiting for anyone to look it up.
 */
@EmbeddedKafka(partitions = 1)
class PatientKeyCacheOnBrokerTest extends PatientKeysOnBroker {

    private CountingKek kek;

    @BeforeEach
    void kek() {
        kek = new CountingKek(KeystoreKeyEncryptionKey.openOrCreate(keystore(), PASSWORD));
    }

    @Test
    void aKeyCachedByARunningInstanceIsDroppedWithinRefreshEveryOfTheTombstoneAndItsFieldsReadAsErased(
            EmbeddedKafkaBroker broker) {
        KafkaPatientKeyring writer = keyring(broker, 100);
        KafkaPatientKeyring reader = keyring(broker, 100);
        PatientEvent sealed = new PhiSealer(writer).seal(message("pt-a", "my warfarin makes me bleed"));
        assertThat(new PhiSealer(reader).open(copy(sealed)).getMessageReceived().getText())
                .isEqualTo("my warfarin makes me bleed");
        assertThat(reader.unwrappedKeys()).isEqualTo(1);

        Instant forgotten = Instant.now();
        assertThat(PatientKeyEraser.forget(topic, client(broker), "pt-a")).hasSize(1);

        // no lookup in between: the background read drops the cached key by itself
        await().atMost(REFRESH_EVERY.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> reader.unwrappedKeys() == 0 && writer.unwrappedKeys() == 0);
        assertThat(Duration.between(forgotten, Instant.now())).isLessThan(REFRESH_EVERY.plusSeconds(2));
        assertThat(new PhiSealer(reader).open(copy(sealed)).getMessageReceived().getText()).isEqualTo(PhiSealer.ERASED);
        assertThat(new PhiSealer(writer).open(copy(sealed)).getMessageReceived().getText()).isEqualTo(PhiSealer.ERASED);
    }

    @Test
    void aKeyIsUnwrappedOnceWhenFirstUsedAndAtMostTheCacheSizeAreHeld(EmbeddedKafkaBroker broker) {
        KafkaPatientKeyring writer = keyring(broker, 100);
        PhiSealer sealing = new PhiSealer(writer);
        List<PatientEvent> sealed = List.of(sealing.seal(message("pt-a", "omeprazole")),
                sealing.seal(message("pt-b", "sertraline")), sealing.seal(message("pt-c", "metformin")));

        KafkaPatientKeyring reader = keyring(broker, 2);
        assertThat(reader.unwrappedKeys()).as("nothing unwrapped before it is used").isZero();
        assertThat(kek.unwraps.get()).isZero();
        PhiSealer opening = new PhiSealer(reader);
        for (int round = 0; round < 5; round++) {
            assertThat(opening.open(copy(sealed.get(0))).getMessageReceived().getText()).isEqualTo("omeprazole");
        }
        assertThat(kek.unwraps.get()).as("five opens of one patient's record").isEqualTo(1);

        assertThat(opening.open(copy(sealed.get(1))).getMessageReceived().getText()).isEqualTo("sertraline");
        assertThat(opening.open(copy(sealed.get(2))).getMessageReceived().getText()).isEqualTo("metformin");
        assertThat(reader.unwrappedKeys()).isEqualTo(2);
        assertThat(opening.open(copy(sealed.get(0))).getMessageReceived().getText())
                .as("the evicted key, unwrapped again").isEqualTo("omeprazole");
        assertThat(kek.unwraps.get()).isEqualTo(4);
    }

    private KafkaPatientKeyring keyring(EmbeddedKafkaBroker broker, int cacheSize) {
        return keyring(broker, kek, cacheSize);
    }

    /** The keystore KEK, counting its unwraps. */
    private static final class CountingKek implements KeyEncryptionKey {
        private final KeyEncryptionKey kek;
        final AtomicInteger unwraps = new AtomicInteger();

        CountingKek(KeyEncryptionKey kek) {
            this.kek = kek;
        }

        @Override
        public String currentId() {
            return kek.currentId();
        }

        @Override
        public byte[] wrap(byte[] dataKey, byte[] context) {
            return kek.wrap(dataKey, context);
        }

        @Override
        public byte[] unwrap(String kekId, byte[] wrapped, byte[] context) {
            unwraps.incrementAndGet();
            return kek.unwrap(kekId, wrapped, context);
        }
    }
}
