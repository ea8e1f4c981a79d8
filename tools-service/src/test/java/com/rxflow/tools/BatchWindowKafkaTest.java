package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.RequestLogLoader;
import com.rxflow.tools.invocation.TestCommands;

/**
 * With no batch window every command after a batch's first is handed back to the next poll: each
 * is answered once, in a transaction of its own, and none is lost or answered twice.
 */
@ToolsServiceKafkaTest
@TestPropertySource(properties = "rxflow.tools.listener.batch-window=0ms")
class BatchWindowKafkaTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Autowired
    private RequestLogLoader requestLog;

    @Test
    void commandsPastTheWindowComeAgainInTheNextPollAndAreAnsweredOnce() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        List<ToolCommand> commands = List.of(history(conversation), history(conversation), history(conversation));
        long[] before = new long[3];
        for (int partition = 0; partition < 3; partition++) {
            before[partition] = clients.endOffset(new TopicPartition(requestLog.topic(), partition));
        }

        int partition = clients.sendInOneTransaction(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation,
                commands.stream().map(AvroCodec.shared()::encode).toList());

        List<ConsumerRecord<String, ToolResult>> results = clients.awaitResults(
                catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, 3);
        assertThat(results).extracting(r -> r.value().getCompleted().getRequestId()).containsExactlyElementsOf(
                commands.stream().map(c -> c.getInvokeTool().getRequestId()).toList());
        // three transactions: three entries, three markers
        TopicPartition log = new TopicPartition(requestLog.topic(), partition);
        await().atMost(BrokerClients.PATIENCE).until(() -> clients.endOffset(log) - before[partition] >= 6);
        await().during(Duration.ofSeconds(1)).atMost(BrokerClients.PATIENCE)
                .until(() -> clients.endOffset(log) - before[partition] == 6);
        assertThat(clients.awaitResults(catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, 3)).hasSize(3);
    }

    private static ToolCommand history(String conversation) {
        return TestCommands.invokeTool(conversation, "patient_002", "medication_history",
                MedicationHistoryQuery.newBuilder().setMedication(null).build());
    }
}
