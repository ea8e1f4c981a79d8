package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.schemas.serde.AvroDeserializer;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.TestCommands;
import com.rxflow.tools.invocation.ToolCommandListener;

/**
 * tools-service stopped while an order command waited, and came back after the command's deadline:
 * the order is refused as EXPIRED and nothing reaches the pharmacy's system; the caller's next
 * attempt with a live deadline still orders, once.
 */
@ToolsServiceKafkaTest
class ExpiredCommandsKafkaTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Test
    void anOrderCommandReadAfterItsDeadlineIsRefusedAndNothingIsWrittenForThePharmacy() throws InterruptedException {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        String commands = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        String results = catalogue.name(TopicCatalogue.TOOL_RESULTS);
        ToolCommand order = TestCommands.invokeTool(conversation, "patient_001", "place_order", PlaceOrder.newBuilder()
                .setMedication("omeprazole").setStrength("20mg").setQuantity(30).setPharmacyId("walmart")
                .setConfirmationMessageId("m-yes").build());
        String requestId = order.getInvokeTool().getRequestId();
        order.getInvokeTool().setDeadline(Instant.now().plus(Duration.ofSeconds(2)));

        MessageListenerContainer container = listeners.getListenerContainer(ToolCommandListener.ID);
        container.stop();
        await().atMost(BrokerClients.PATIENCE).until(() -> !container.isRunning());
        List<ConsumerRecord<String, ToolResult>> answers;
        try {
            clients.sendCommand(commands, conversation, order);
            Thread.sleep(Duration.ofSeconds(3).toMillis()); // the service is down past the deadline
        } finally {
            container.start();
        }

        // the restarted listener rejoins the group and reloads the request log first: slow on a loaded machine
        answers = clients.awaitResults(results, conversation, 1, Duration.ofSeconds(90));
        assertThat(answers).singleElement().satisfies(record -> {
            assertThat(record.value().getType()).isEqualTo(ToolResultType.TOOL_FAILED);
            assertThat(record.value().getFailed().getReasonCode()).isEqualTo("EXPIRED");
            assertThat(record.value().getFailed().getRetryable()).isFalse();
        });
        // the result and any order commit in one transaction: with the result committed, no order ever will be
        assertThat(ordersFor(clients, requestId)).isEmpty();

        ToolCommand retry = ToolCommand.newBuilder(order).build();
        retry.getInvokeTool().setDeadline(Instant.now().plus(Duration.ofMinutes(1)));
        clients.sendCommand(commands, conversation, retry);

        List<ConsumerRecord<String, ToolResult>> both = clients.awaitResults(results, conversation, 2);
        assertThat(both.get(1).value().getType()).as("the refusal was not kept as the request's answer")
                .isEqualTo(ToolResultType.TOOL_COMPLETED);
        assertThat(ordersFor(clients, requestId)).hasSize(1);
    }

    private List<PharmacyOrderEvent> ordersFor(BrokerClients clients, String requestId) {
        return clients.committed(catalogue.name(TopicCatalogue.PHARMACY_ORDERS), new AvroDeserializer<PharmacyOrderEvent>(),
                record -> record.value().getPlaced() != null && record.value().getPlaced().getRequestId().equals(requestId))
                .stream().map(ConsumerRecord::value).toList();
    }
}
