package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.MedicationEntry;
import com.rxflow.events.tools.MedicationHistory;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.TestCommands;
import com.rxflow.tools.invocation.ToolCommandListener;

@ToolsServiceKafkaTest
class ToolCommandsKafkaTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Test
    void aMedicationHistoryCommandIsAnsweredWithACommittedResultAndItsOffsetCommitTogether() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand command = TestCommands.invokeTool(conversation, "patient_001", "medication_history",
                MedicationHistoryQuery.newBuilder().setMedication("omeprazole").build());

        RecordMetadata sent = clients.sendCommand(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation, command);
        ConsumerRecord<String, ToolResult> answer = clients.awaitResult(
                catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, IsolationLevel.READ_COMMITTED);

        ToolResult result = answer.value();
        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(result.getMetadata().getConversationId()).isEqualTo(conversation);
        assertThat(result.getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
        assertThat(result.getMetadata().getSource()).isEqualTo("tools-service");
        assertThat(result.getCompleted().getRequestId()).isEqualTo(command.getInvokeTool().getRequestId());
        assertThat(result.getCompleted().getDataVersion()).isEqualTo("2026.1+seed-45ffb70");
        MedicationHistory history = AvroCodec.shared().decode(TestCommands.bytes(result.getCompleted().getResult()),
                MedicationHistory.class);
        assertThat(history.getPatientFirstName()).isEqualTo("John");
        assertThat(history.getMedications()).extracting(MedicationEntry::getName, MedicationEntry::getRxnormCode)
                .containsExactly(tuple("omeprazole", "198053"));

        // Written in a transaction: its commit marker takes the next offset. A plain write
        // would leave the end of the partition right after the result.
        TopicPartition resultPartition = new TopicPartition(answer.topic(), answer.partition());
        assertThat(clients.endOffset(resultPartition)).isEqualTo(answer.offset() + 2);
        // The command's offset was committed by the same transaction, so it is not run again.
        TopicPartition commandPartition = new TopicPartition(sent.topic(), sent.partition());
        await().atMost(BrokerClients.PATIENCE).untilAsserted(() ->
                assertThat(clients.committedOffset("tools-service", commandPartition)).isGreaterThan(sent.offset()));
    }

    @Test
    void theListenerRunsInBootsKafkaTransactionsAndIsReadyOncePartitionsAreAssigned(
            @Autowired KafkaListenerEndpointRegistry listeners, @Autowired KafkaTemplate<?, ?> template,
            @Autowired HealthEndpoint health) {
        MessageListenerContainer container = listeners.getListenerContainer(ToolCommandListener.ID);

        assertThat(container.getContainerProperties().getKafkaAwareTransactionManager()).isNotNull();
        assertThat(container.getGroupId()).isEqualTo("tools-service");
        assertThat(template.isTransactional()).isTrue();
        await().atMost(BrokerClients.PATIENCE).untilAsserted(() -> {
            CompositeHealthDescriptor readiness = (CompositeHealthDescriptor) health.healthForPath("readiness");
            assertThat(readiness.getComponents()).containsKeys("readinessState", "kafkaListeners");
            assertThat(readiness.getStatus()).isEqualTo(Status.UP);
        });
    }
}
