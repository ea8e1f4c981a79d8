package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.web.client.RestClient;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.launcher.RxflowServices;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.ToolCommandListener;

/**
 * The whole stack on the launcher's in-process broker: tools-service stops just as the patient
 * confirms an order and stays down past both attempts' deadlines, so the patient hears that the
 * pharmacy system is not answering. Started again, it meets both queued order commands, refuses them
 * as expired, and no order reaches the pharmacy's system.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiredOrderEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private RunningStack running;
    private RestClient gateway;

    @BeforeAll
    void startTheStack() {
        running = RunningStack.start(dataDir -> new EmbeddedBroker(dataDir, 0));
        gateway = running.gateway(RunningStack.WEB_KEY);
    }

    @AfterAll
    void stopTheStack() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void anOrderConfirmedWhileToolsServiceWasDownPastItsDeadlinesIsNeverPlacedWhenItComesBack() {
        String conversation = (String) running.openConversation("patient_001").getBody().get("conversationId");
        post(conversation, "late-1", "I need to refill my omeprazole", 20);
        post(conversation, "late-2", "yes", 20);
        assertThat(text(post(conversation, "late-3", "the cheapest", 20))).contains("Shall I place this order?");
        TopicCatalogue topics = TopicCatalogue.defaults();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            reader.subscribe(List.of(topics.name(TopicCatalogue.ASSISTANT_REPLIES), topics.name(TopicCatalogue.TOOL_RESULTS),
                    topics.name(TopicCatalogue.PHARMACY_ORDERS)));
            List<String> replies = new ArrayList<>();
            List<ToolResult> orderResults = new ArrayList<>();
            List<PharmacyOrderEvent> orders = new ArrayList<>();
            Runnable read = () -> reader.poll(Duration.ofMillis(300)).forEach(record -> {
                if (record.topic().equals(topics.name(TopicCatalogue.PHARMACY_ORDERS))) {
                    orders.add(AvroCodec.shared().decode(record.value(), PharmacyOrderEvent.class));
                } else if (!conversation.equals(record.key())) {
                    return;
                } else if (record.topic().equals(topics.name(TopicCatalogue.TOOL_RESULTS))) {
                    ToolResult result = AvroCodec.shared().decode(record.value(), ToolResult.class);
                    String tool = result.getFailed() != null ? result.getFailed().getTool() : result.getCompleted().getTool();
                    if (tool.equals("place_order")) {
                        orderResults.add(result);
                    }
                } else {
                    ReplyEvent reply = AvroCodec.shared().decode(record.value(), ReplyEvent.class);
                    if (reply.getType() == ReplyEventType.ASSISTANT_REPLIED) {
                        replies.add(reply.getReplied().getText());
                    }
                }
            });

            MessageListenerContainer tools = running.stack().context(RxflowServices.TOOLS)
                    .getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(ToolCommandListener.ID);
            tools.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> !tools.isRunning());
            try {
                assertThat(post(conversation, "late-4", "Yes, please place the order", 0).getStatusCode().value())
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                    read.run();
                    assertThat(replies).anySatisfy(text -> assertThat(text).contains("not answering"));
                });
            } finally {
                running.stack().restart(RxflowServices.TOOLS); // a new process, which reads the queued commands
            }

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                read.run();
                assertThat(orderResults).as("both attempts answered after the restart").hasSize(2)
                        .allSatisfy(r -> {
                            assertThat(r.getType()).as("an order refused, not placed").isEqualTo(ToolResultType.TOOL_FAILED);
                            assertThat(r.getFailed().getReasonCode()).isEqualTo("EXPIRED");
                        });
            });
            String requestId = orderResults.get(0).getFailed().getRequestId();
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                read.run(); // an order commits with its result; read on a little to be sure
            }
            assertThat(orders).noneMatch(o -> o.getPlaced() != null && o.getPlaced().getRequestId().equals(requestId));
        }
    }

    private KafkaConsumer<String, byte[]> reader() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-expired-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    private ResponseEntity<Map<String, Object>> post(String conversation, String messageId, String text, int waitSeconds) {
        var request = gateway.post().uri("/api/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("messageId", messageId, "text", text));
        if (waitSeconds > 0) {
            request = request.header("Prefer", "wait=" + waitSeconds);
        }
        return request.retrieve().toEntity(JSON);
    }

    @SuppressWarnings("unchecked")
    private static String text(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return String.join("\n", ((List<Map<String, Object>>) answer.getBody().get("replies")).stream()
                .map(reply -> (String) reply.get("text")).toList());
    }
}
