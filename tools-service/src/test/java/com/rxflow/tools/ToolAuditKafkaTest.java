package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.AuditActorKind;
import com.rxflow.events.audit.AuditPurposeKind;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.platform.logging.Pseudonyms;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.TestCommands;

@ToolsServiceKafkaTest
class ToolAuditKafkaTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Autowired
    private Pseudonyms pseudonyms;

    @Test
    void aToolCallLeavesACommittedAccessUnderThePatientsPseudonym() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        clients.sendCommand(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation,
                TestCommands.invokeTool(conversation, "patient_001", "medication_history",
                        MedicationHistoryQuery.newBuilder().setMedication("omeprazole").build()));

        ConsumerRecord<String, PatientDataAccessed> recorded = clients.awaitAccess(
                catalogue.name(TopicCatalogue.AUDIT_ACCESS), access -> access.getPurpose().getId().equals(conversation));

        PatientDataAccessed access = recorded.value();
        assertThat(recorded.key()).isEqualTo(pseudonyms.of("patient_001"));
        assertThat(access.getPatientPseudonym()).isEqualTo(pseudonyms.of("patient_001"));
        assertThat(access.getAction()).isEqualTo(AuditAction.TOOL_CALLED);
        assertThat(access.getDetail()).isEqualTo("medication_history");
        assertThat(access.getActor().getKind()).isEqualTo(AuditActorKind.SERVICE);
        assertThat(access.getActor().getId()).isEqualTo("tools-service");
        assertThat(access.getPurpose().getKind()).isEqualTo(AuditPurposeKind.CONVERSATION);
        assertThat(access.getService()).isEqualTo("tools-service");
    }
}
