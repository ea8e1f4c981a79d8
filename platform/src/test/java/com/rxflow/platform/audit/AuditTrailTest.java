package com.rxflow.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.AuditActorKind;
import com.rxflow.events.audit.AuditPurposeKind;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.platform.logging.Pseudonyms;
import com.rxflow.schemas.serde.AvroSerializer;

class AuditTrailTest {

    private static final String TOPIC = "rxflow.audit-access";
    private static final Pseudonyms PSEUDONYMS = Pseudonyms.withKey("0123456789abcdef0123456789abcdef");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:30.123456Z"), ZoneOffset.UTC);

    @Test
    void anAccessIsSentUnderThePatientsPseudonymAndNeverTheirId() {
        MockProducer<String, PatientDataAccessed> producer = producer(true);
        AuditTrail trail = trail(producer, true, new SimpleMeterRegistry());

        trail.record(Actor.patient("pat_001"), "pat_001", AuditAction.CONVERSATION_READ,
                Purpose.conversation("conv-1"), null);

        ProducerRecord<String, PatientDataAccessed> sent = producer.history().get(0);
        String pseudonym = PSEUDONYMS.of("pat_001");
        assertThat(sent.topic()).isEqualTo(TOPIC);
        assertThat(sent.key()).isEqualTo(pseudonym);
        assertThat(sent.value().getPatientPseudonym()).isEqualTo(pseudonym);
        assertThat(sent.value().getActor().getKind()).isEqualTo(AuditActorKind.PATIENT);
        assertThat(sent.value().getActor().getId()).isEqualTo(pseudonym);
        assertThat(new String(new AvroSerializer<PatientDataAccessed>().serialize(TOPIC, sent.value()),
                StandardCharsets.ISO_8859_1)).doesNotContain("pat_001");
    }

    @Test
    void anAccessNamesWhoWhatWhyWhenAndTheServingService() {
        MockProducer<String, PatientDataAccessed> producer = producer(true);

        PatientDataAccessed access = trail(producer, true, new SimpleMeterRegistry()).record(Actor.staff("jmartinez"),
                "pat_001", AuditAction.CASE_READ, Purpose.escalationCase("esc-1"), "detail");

        assertThat(access.getActor().getId()).isEqualTo("jmartinez");
        assertThat(access.getAction()).isEqualTo(AuditAction.CASE_READ);
        assertThat(access.getPurpose().getKind()).isEqualTo(AuditPurposeKind.CASE);
        assertThat(access.getPurpose().getId()).isEqualTo("esc-1");
        assertThat(access.getOccurredAt()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
        assertThat(access.getService()).isEqualTo("test-service");
        assertThat(access.getDetail()).isEqualTo("detail");
        assertThat(access.getAccessId()).isNotBlank();
    }

    @Test
    void anAccessThatCannotBeRecordedFailsTheReadWhenTheTrailFailsClosed() {
        MockProducer<String, PatientDataAccessed> producer = producer(false); // never acknowledged

        assertThatThrownBy(() -> trail(producer, true, new SimpleMeterRegistry()).record(Actor.service("gateway"),
                "pat_001", AuditAction.TRANSCRIPT_READ, Purpose.conversation("conv-1"), null))
                .isInstanceOf(AuditUnavailableException.class);
    }

    @Test
    void anAccessThatCannotBeRecordedIsCountedWhenTheTrailFailsOpen() {
        MockProducer<String, PatientDataAccessed> producer = producer(false);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();

        trail(producer, false, meters).record(Actor.service("gateway"), "pat_001", AuditAction.TRANSCRIPT_READ,
                Purpose.conversation("conv-1"), null);

        assertThat(meters.get("rxflow.audit.unrecorded").counter().count()).isEqualTo(1.0);
    }

    private static MockProducer<String, PatientDataAccessed> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, new StringSerializer(), new AvroSerializer<>());
    }

    private static AuditTrail trail(MockProducer<String, PatientDataAccessed> producer, boolean failClosed,
            SimpleMeterRegistry meters) {
        KafkaTemplate<String, PatientDataAccessed> kafka = new KafkaTemplate<>(new MockProducerFactory<>(() -> producer));
        return new AuditTrail(kafka, TOPIC, PSEUDONYMS, "test-service",
                new AuditProperties(failClosed, Duration.ofMillis(100)), CLOCK, meters);
    }
}
