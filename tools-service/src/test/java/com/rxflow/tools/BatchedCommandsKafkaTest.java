package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.RequestLog;
import com.rxflow.tools.invocation.RequestLogLoader;
import com.rxflow.tools.invocation.TestCommands;
import com.rxflow.tools.invocation.ToolCommandListener;

/**
 * The commands of one poll are answered in one transaction, and a poison record among them goes to
 * the dead-letter topic without taking the others with it.
 */
@ToolsServiceKafkaTest
class BatchedCommandsKafkaTest {

    private static final String DEAD_LETTERS = "rxflow.tools-service.dlt";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Autowired
    private RequestLogLoader requestLog;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void theListenerTakesBoundedBatchesAndAcknowledgesThemItself() {
        MessageListenerContainer container = listeners.getListenerContainer(ToolCommandListener.ID);
        assertThat(container.getContainerProperties().getAckMode()).isEqualTo(ContainerProperties.AckMode.MANUAL);
        assertThat(container.getContainerProperties().getKafkaConsumerProperties())
                .containsEntry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
    }

    @Test
    void theCommandsOfOnePollCommitInOneTransaction() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        List<byte[]> three = List.of(encode(history(conversation)), encode(history(conversation)),
                encode(history(conversation)));
        // the request log is co-partitioned with tool-commands and written only by this listener
        long[] before = new long[3];
        for (int partition = 0; partition < 3; partition++) {
            before[partition] = clients.endOffset(new TopicPartition(requestLog.topic(), partition));
        }

        int partition = clients.sendInOneTransaction(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation, three);
        TopicPartition logOfConversation = new TopicPartition(requestLog.topic(), partition);

        List<ConsumerRecord<String, ToolResult>> results = clients.awaitResults(
                catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, 3);
        assertThat(results).extracting(r -> r.value().getType()).containsOnly(ToolResultType.TOOL_COMPLETED);
        // three entries and one commit marker: one transaction, not three (which would leave six offsets)
        await().atMost(BrokerClients.PATIENCE).until(() -> clients.endOffset(logOfConversation) - before[partition] >= 4);
        assertThat(clients.endOffset(logOfConversation) - before[partition]).isEqualTo(4);
    }

    @Test
    void aPoisonRecordInsideABatchIsDeadLetteredAndTheRestAreAnswered() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        byte[] garbage = "not a command".getBytes(StandardCharsets.UTF_8);
        ToolCommand broken = TestCommands.empty(conversation, ToolCommandType.INVOKE_TOOL);
        ToolCommand first = history(conversation);
        ToolCommand last = history(conversation);

        clients.sendInOneTransaction(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation,
                List.of(encode(first), garbage, encode(broken), encode(last)));

        List<ConsumerRecord<String, ToolResult>> results = clients.awaitResults(
                catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, 2);
        assertThat(results).extracting(r -> r.value().getCompleted().getRequestId())
                .containsExactly(first.getInvokeTool().getRequestId(), last.getInvokeTool().getRequestId());
        await().atMost(BrokerClients.PATIENCE).until(() -> clients.committed(DEAD_LETTERS,
                new ByteArrayDeserializer(),
                record -> conversation.equals(record.key())).size() == 2);
        List<ConsumerRecord<String, byte[]>> dead = clients.committed(DEAD_LETTERS, new ByteArrayDeserializer(),
                record -> conversation.equals(record.key()));
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(AvroCodec.shared().decode(dead.get(1).value(), ToolCommand.class)).isEqualTo(broken);
    }

    @Test
    void aRequestRepeatedInsideOneBatchRunsItsToolOnceAndIsAnsweredTwice() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand command = history(conversation);

        clients.sendInOneTransaction(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation,
                List.of(encode(command), encode(command)));

        List<ConsumerRecord<String, ToolResult>> results = clients.awaitResults(
                catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, 2);
        assertThat(results.get(1).value()).isEqualTo(results.get(0).value());
        // the tool ran once: one entry in the request log for the request
        String key = RequestLog.key(conversation, command.getInvokeTool().getRequestId());
        assertThat(clients.committed(requestLog.topic(), new ByteArrayDeserializer(),
                record -> key.equals(record.key()))).hasSize(1);
    }

    private static ToolCommand history(String conversation) {
        return TestCommands.invokeTool(conversation, "patient_002", "medication_history",
                MedicationHistoryQuery.newBuilder().setMedication(null).build());
    }

    private static byte[] encode(ToolCommand command) {
        return AvroCodec.shared().encode(command);
    }
}
