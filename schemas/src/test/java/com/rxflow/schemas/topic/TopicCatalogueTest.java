package com.rxflow.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.schemas.avro.ShippedSchemas;
import com.rxflow.schemas.serde.SerdeSettings;

class TopicCatalogueTest {

    @Test
    void physicalNamesAreConfigurableByLogicalId() {
        TopicCatalogue catalogue = new TopicCatalogue(Map.of("patient-messages", "pharmacy-a.inbound"), SerdeSettings.DEFAULT);

        assertThat(catalogue.topic(TopicCatalogue.PATIENT_MESSAGES).name()).isEqualTo("pharmacy-a.inbound");
        assertThat(catalogue.topic(TopicCatalogue.TOOL_RESULTS).name()).isEqualTo("rxflow.tool-results");
    }

    @Test
    void aMisspelledTopicIdIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new TopicCatalogue(Map.of("patient-mesages", "x"), SerdeSettings.DEFAULT))
                .hasMessageContaining("unknown topic id 'patient-mesages'");
    }

    @Test
    void serdeClassesComeFromConfiguration() {
        SerdeSettings missing = new SerdeSettings("com.example.RegistrySerializer", "com.example.RegistryDeserializer", Map.of());

        assertThatThrownBy(() -> new TopicCatalogue(Map.of(), missing).topic(TopicCatalogue.PATIENT_MESSAGES))
                .hasMessageContaining("com.example.RegistrySerializer");
    }

    @Test
    void everyContractTopicsValueTypeHasAShippedHistory() {
        assertThat(TopicCatalogue.CONTRACTS).allSatisfy(spec ->
                assertThat(ShippedSchemas.ENCODED_TYPES.contains(spec.valueType())).as(spec.id()).isTrue());
    }

    @Test
    void aTopicsSerdeRoundTripsItsEnvelope() {
        var topic = TopicCatalogue.defaults().topic(TopicCatalogue.PATIENT_MESSAGES);
        PatientEvent event = PatientEvent.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId("e").setConversationId("c")
                        .setOccurredAt(java.time.Instant.EPOCH).setCorrelationId("m").setSource("test").build())
                .setType(PatientEventType.UNKNOWN).build();

        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), event);

        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(event);
    }

    @Test
    void theAuditTopicsAreInTheCatalogueWithTheChainWrittenByOneService() {
        assertThat(TopicCatalogue.ALL).contains(TopicCatalogue.AUDIT_ACCESS, TopicCatalogue.AUDIT_LOG);
        assertThat(TopicCatalogue.AUDIT).containsExactly(TopicCatalogue.AUDIT_ACCESS, TopicCatalogue.AUDIT_LOG);
        assertThat(TopicCatalogue.AUDIT_LOG.writer()).isEqualTo("escalation-service");
        assertThat(TopicCatalogue.AUDIT_ACCESS.writer()).isEqualTo(TopicCatalogue.EVERY_SERVICE);
    }

    @Test
    void everyTopicButTheAuditAccessesTheSchemaStoreAndThePatientKeysNamesOneWritingService() {
        assertThat(TopicCatalogue.ALL)
                .filteredOn(spec -> spec != TopicCatalogue.AUDIT_ACCESS && spec != TopicCatalogue.SCHEMAS
                        && spec != TopicCatalogue.PATIENT_KEYS)
                .allSatisfy(spec -> assertThat(spec.writer()).isNotBlank().isNotEqualTo(TopicCatalogue.EVERY_SERVICE));
    }

    @Test
    void theDomainLogAndTheOrderBookAreKeptAsRecordsAndTheRestAsMessaging() {
        assertThat(TopicCatalogue.ALL).filteredOn(spec -> spec.retention() == TopicRetention.DOMAIN_LOG)
                .containsExactlyInAnyOrder(TopicCatalogue.CONVERSATION_EVENTS, TopicCatalogue.ESCALATION_EVENTS);
        assertThat(TopicCatalogue.ALL).filteredOn(spec -> spec.retention() == TopicRetention.ORDER_BOOK)
                .containsExactly(TopicCatalogue.PHARMACY_ORDERS);
        assertThat(TopicCatalogue.ALL).filteredOn(spec -> spec.retention() == TopicRetention.MESSAGING)
                .containsExactlyInAnyOrder(TopicCatalogue.PATIENT_MESSAGES, TopicCatalogue.TOOL_COMMANDS,
                        TopicCatalogue.TOOL_RESULTS, TopicCatalogue.ESCALATION_COMMANDS,
                        TopicCatalogue.PHARMACIST_ACTIONS, TopicCatalogue.ASSISTANT_REPLIES);
        assertThat(TopicCatalogue.ALL).noneMatch(spec -> spec.retention() == TopicRetention.DEAD_LETTERS);
    }

    @Test
    void theSchemaStoreIsTheOneCompactedTopicWrittenAndReadByEveryService() {
        assertThat(TopicCatalogue.ALL).filteredOn(spec -> spec.retention() == TopicRetention.COMPACTED)
                .containsExactly(TopicCatalogue.SCHEMAS);
        assertThat(TopicCatalogue.SCHEMAS.writer()).isEqualTo(TopicCatalogue.EVERY_SERVICE);
        assertThat(TopicCatalogue.SCHEMAS.readers()).containsExactlyInAnyOrderElementsOf(TopicCatalogue.SERVICES);
        assertThat(TopicCatalogue.CONTRACTS).doesNotContain(TopicCatalogue.SCHEMAS);
    }

    @Test
    void thePatientKeysAreInTheCatalogueWrittenAndReadByEveryServiceAndNeverDeletedByAge() {
        assertThat(TopicCatalogue.ALL).filteredOn(spec -> spec.retention() == TopicRetention.PATIENT_KEYS)
                .containsExactly(TopicCatalogue.PATIENT_KEYS);
        assertThat(TopicCatalogue.defaults().name(TopicCatalogue.PATIENT_KEYS)).isEqualTo("rxflow.patient-keys");
        assertThat(TopicCatalogue.PATIENT_KEYS.writer()).isEqualTo(TopicCatalogue.EVERY_SERVICE);
        assertThat(TopicCatalogue.PATIENT_KEYS.readers()).containsExactlyInAnyOrderElementsOf(TopicCatalogue.SERVICES);
        assertThat(TopicCatalogue.CONTRACTS).doesNotContain(TopicCatalogue.PATIENT_KEYS);
        assertThat(com.rxflow.schemas.phi.PatientKeysTopic.config()).containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
    }
}
