package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.serde.AvroDeserializer;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.RequestLog;
import com.rxflow.tools.invocation.TestCommands;
import com.rxflow.tools.invocation.ToolCommandListener;
import com.rxflow.tools.orders.OrderIds;

/**
 * A request id is executed once, whatever happens to its command: redelivered to the running
 * listener, met again after the listener restarted with nothing in memory, or met by another
 * instance that took the partition over.
 */
@ToolsServiceKafkaTest
class IdempotentToolsKafkaTest {

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    private RequestLog requests;

    @Test
    void aRedeliveredPlaceOrderOrdersOnceAndIsAnsweredWithTheFirstOrderIdAlsoAfterARestart() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand command = TestCommands.invokeTool(conversation, "patient_001", "place_order", PlaceOrder.newBuilder()
                .setMedication("omeprazole").setStrength("20mg").setQuantity(30).setPharmacyId("walmart")
                .setConfirmationMessageId("m-yes").build());
        String requestId = command.getInvokeTool().getRequestId();
        String commands = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        String results = catalogue.name(TopicCatalogue.TOOL_RESULTS);

        clients.sendCommand(commands, conversation, command);
        OrderPlaced first = placed(clients.awaitResults(results, conversation, 1).get(0).value());
        assertThat(first.getOrder().getOrderId()).isEqualTo(OrderIds.order(requestId));

        clients.sendCommand(commands, conversation, command);
        List<ConsumerRecord<String, ToolResult>> twice = clients.awaitResults(results, conversation, 2);
        assertThat(twice).hasSize(2);
        assertThat(placed(twice.get(1).value())).isEqualTo(first);
        assertThat(ordersPlacedFor(clients, requestId)).hasSize(1);

        MessageListenerContainer container = listeners.getListenerContainer(ToolCommandListener.ID);
        container.stop();
        await().atMost(BrokerClients.PATIENCE).until(() -> !container.isRunning());
        for (int partition = 0; partition < 3; partition++) {
            requests.forget(partition); // a new process remembers nothing: only the request log topic does
        }
        container.start();
        clients.sendCommand(commands, conversation, command);

        List<ConsumerRecord<String, ToolResult>> thrice = clients.awaitResults(results, conversation, 3);
        assertThat(thrice).hasSize(3);
        assertThat(placed(thrice.get(2).value())).isEqualTo(first);
        assertThat(ordersPlacedFor(clients, requestId)).hasSize(1)
                .first().satisfies(event -> assertThat(event.getPlaced().getOrder().getOrderId()).isEqualTo(first.getOrder().getOrderId()));
    }

    @Test
    void anotherInstanceTakingOverThePartitionAnswersFromTheLogAndDoesNotOrderAgain() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand command = TestCommands.invokeTool(conversation, "patient_001", "place_order", PlaceOrder.newBuilder()
                .setMedication("omeprazole").setStrength("20mg").setQuantity(30).setPharmacyId("CVS Pharmacy on Main Street")
                .setConfirmationMessageId("m-yes").build());
        String commands = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        String results = catalogue.name(TopicCatalogue.TOOL_RESULTS);
        clients.sendCommand(commands, conversation, command);
        OrderPlaced first = placed(clients.awaitResults(results, conversation, 1).get(0).value());

        MessageListenerContainer mine = listeners.getListenerContainer(ToolCommandListener.ID);
        try (ConfigurableApplicationContext second = ToolsServiceApplication.application().run(
                // arguments, not default properties: they must win over tools-service.yml's port
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "--rxflow.instance-id=second-instance",
                "--rxflow.service-key=" + ToolsServiceKafkaTest.SERVICE_KEY,
                "--server.port=0")) {
            // this instance leaves the group: the second one gets every partition, with nothing in memory
            mine.stop();
            MessageListenerContainer theirs = second.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer(ToolCommandListener.ID);
            await().atMost(BrokerClients.PATIENCE).until(() -> theirs.getAssignedPartitions() != null
                    && theirs.getAssignedPartitions().size() == 3);

            clients.sendCommand(commands, conversation, command);

            List<ConsumerRecord<String, ToolResult>> twice = clients.awaitResults(results, conversation, 2);
            assertThat(placed(twice.get(1).value())).isEqualTo(first);
            assertThat(ordersPlacedFor(clients, command.getInvokeTool().getRequestId())).hasSize(1);
        } finally {
            mine.start();
        }
    }

    @Test
    void aFailedAnswerIsRememberedToo() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand command = TestCommands.invokeTool(conversation, "patient_001", "place_order", PlaceOrder.newBuilder()
                .setMedication("lisinopril").setStrength("10mg").setQuantity(30).setPharmacyId("CVS_12345")
                .setConfirmationMessageId("m-yes").build());

        clients.sendCommand(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation, command);
        clients.sendCommand(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation, command);

        List<ConsumerRecord<String, ToolResult>> answers = clients.awaitResults(catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation, 2);
        assertThat(answers).extracting(record -> record.value().getType()).containsOnly(ToolResultType.TOOL_FAILED);
        assertThat(answers).extracting(record -> record.value().getFailed().getReasonCode()).containsOnly("PRESCRIPTION_EXPIRED");
        assertThat(answers.get(1).value()).isEqualTo(answers.get(0).value());
    }

    private List<PharmacyOrderEvent> ordersPlacedFor(BrokerClients clients, String requestId) {
        return clients.committed(catalogue.name(TopicCatalogue.PHARMACY_ORDERS), new AvroDeserializer<PharmacyOrderEvent>(),
                record -> record.value().getType() == PharmacyOrderEventType.ORDER_PLACED
                        && record.value().getPlaced().getRequestId().equals(requestId))
                .stream().map(ConsumerRecord::value).toList();
    }

    private static OrderPlaced placed(ToolResult result) {
        assertThat(result.getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
        return AvroCodec.shared().decode(TestCommands.bytes(result.getCompleted().getResult()), OrderPlaced.class);
    }
}
