package com.rxflow.escalation.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.AuditActor;
import com.rxflow.events.audit.AuditActorKind;
import com.rxflow.events.audit.AuditPurpose;
import com.rxflow.events.audit.AuditPurposeKind;
import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.schemas.audit.AuditChain;
import com.rxflow.schemas.audit.AuditChainVerifier;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

class AuditChainTopologyTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.defaults();

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PatientDataAccessed> accesses;
    private final TestOutputTopic<String, byte[]> log;

    AuditChainTopologyTest() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "audit-chain-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Path.of("target", "streams-state", "audit-chain-test",
                UUID.randomUUID().toString()).toAbsolutePath().toString());
        driver = new TopologyTestDriver(AuditChainTopology.build(new Topology(), CATALOGUE), config);
        Topic<String, PatientDataAccessed> in = CATALOGUE.topic(TopicCatalogue.AUDIT_ACCESS);
        accesses = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
        log = driver.createOutputTopic(CATALOGUE.name(TopicCatalogue.AUDIT_LOG),
                CATALOGUE.topic(TopicCatalogue.AUDIT_LOG).keySerde().deserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void accessesBecomeRecordsWithConsecutiveSequencesAndLinkedHashes() {
        accesses.pipeInput("pt-a", access("pt-a", "a1"));
        accesses.pipeInput("pt-b", access("pt-b", "b1"));
        accesses.pipeInput("pt-a", access("pt-a", "a2"));

        List<AuditRecord> records = log.readValuesToList().stream()
                .map(bytes -> AvroCodec.shared().decode(bytes, AuditRecord.class)).toList();

        assertThat(records).extracting(AuditRecord::getSequence).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(r -> r.getAccess().getAccessId()).containsExactly("a1", "b1", "a2");
        assertThat(AuditChain.bytes(records.get(0).getPreviousHash())).isEqualTo(new byte[32]);
        assertThat(records.get(1).getPreviousHash()).isEqualTo(records.get(0).getHash());
        assertThat(records.get(2).getPreviousHash()).isEqualTo(records.get(1).getHash());
    }

    @Test
    void theWrittenChainVerifies() {
        for (int i = 0; i < 5; i++) {
            accesses.pipeInput("pt-a", access("pt-a", "a" + i));
        }
        AuditChainVerifier verifier = new AuditChainVerifier(0);
        List<byte[]> values = log.readValuesToList();
        for (int offset = 0; offset < values.size(); offset++) {
            verifier.accept(offset, values.get(offset));
        }

        assertThat(verifier.report().intact()).isTrue();
        assertThat(verifier.report().count()).isEqualTo(5);
    }

    @Test
    void oneRecordIsKeptByPatientForTheAuditorsQuery() {
        accesses.pipeInput("pt-a", access("pt-a", "a1"));
        accesses.pipeInput("pt-b", access("pt-b", "b1"));
        accesses.pipeInput("pt-a", access("pt-a", "a2"));

        KeyValueStore<String, AuditRecord> byPatient = driver.getKeyValueStore(AuditStores.BY_PATIENT);
        List<String> patientA = new java.util.ArrayList<>();
        try (var scan = byPatient.prefixScan(AuditStores.prefix("pt-a"),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            scan.forEachRemaining(entry -> patientA.add(entry.value.getAccess().getAccessId()));
        }

        assertThat(patientA).containsExactly("a1", "a2");
    }

    static PatientDataAccessed access(String pseudonym, String id) {
        return PatientDataAccessed.newBuilder()
                .setAccessId(id)
                .setOccurredAt(Instant.parse("2026-03-01T10:00:00Z"))
                .setActor(AuditActor.newBuilder().setKind(AuditActorKind.STAFF).setId("jmartinez").build())
                .setPatientPseudonym(pseudonym)
                .setAction(AuditAction.CASE_READ)
                .setPurpose(AuditPurpose.newBuilder().setKind(AuditPurposeKind.CASE).setId("esc-1").build())
                .setService("escalation-service")
                .build();
    }
}
