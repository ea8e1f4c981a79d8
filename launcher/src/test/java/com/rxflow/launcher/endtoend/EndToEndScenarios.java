package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.launcher.LocalStack;
import com.rxflow.launcher.RxflowServices;
import com.rxflow.launcher.broker.KafkaBroker;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The whole system on a real broker, driven through the gateway's HTTP API as a channel would:
 * the four services run as the launcher runs them. Subclasses choose the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {

    private static final String API_KEY = "rxflow-local-dev";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private LocalStack stack;
    private RestClient gateway;
    private KafkaConsumer<String, byte[]> replies;
    private final Map<String, List<ReplyEvent>> repliesByMessage = new ConcurrentHashMap<>();

    /** The broker the stack runs on, not started yet. */
    abstract KafkaBroker broker(Path dataDir);

    @BeforeAll
    void startTheStack() {
        Path dataDir = Path.of("target", "e2e", UUID.randomUUID().toString());
        int gatewayPort = freePort();
        int processorPort = freePort();
        stack = new LocalStack(broker(dataDir.resolve("kafka")), dataDir.resolve("state"),
                RxflowServices.all(gatewayPort, freePort(), processorPort, freePort()), System.out);
        stack.start();
        gateway = RestClient.builder().baseUrl("http://localhost:" + gatewayPort)
                .defaultHeader("X-Api-Key", API_KEY)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
        String bootstrap = stack.context("gateway").getEnvironment().getProperty("spring.kafka.bootstrap-servers");
        replies = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
        replies.subscribe(List.of(TopicCatalogue.defaults().name(TopicCatalogue.ASSISTANT_REPLIES)));
    }

    @AfterAll
    void stopTheStack() {
        if (replies != null) {
            replies.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aPatientAsksAndReadsTheConversationState() {
        String conversation = openConversation("patient_001");

        ResponseEntity<Map<String, Object>> answer = post(conversation, "m-1", "Which medications am I on?", 20);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        List<Map<String, Object>> replyList = list(answer.getBody().get("replies"));
        assertThat(replyList).singleElement().satisfies(reply -> {
            assertThat(reply.get("inReplyTo")).isEqualTo("m-1");
            assertThat((String) reply.get("text")).contains("John").contains("Omeprazole");
        });
        Map<String, Object> state = gateway.get().uri("/api/v1/conversations/{id}", conversation)
                .retrieve().body(JSON);
        assertThat(state).containsEntry("patientId", "patient_001").containsEntry("state", "COMPLETED")
                .containsEntry("turns", 1);
    }

    @Test
    void askingForAPharmacistOpensACaseAndThePatientIsTold() {
        String conversation = openConversation("patient_002");

        ResponseEntity<Map<String, Object>> answer = post(conversation, "m-1", "Can I talk to a pharmacist?", 20);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(list(answer.getBody().get("replies"))).singleElement()
                .satisfies(reply -> assertThat((String) reply.get("text")).contains("pharmacist"));
        assertThat(map(answer.getBody().get("conversation"))).containsEntry("step", "WITH_PHARMACIST");
    }

    /**
     * Messages keep arriving while the processor is stopped and started again: every accepted
     * message gets exactly one reply, counted by message id on the replies topic itself.
     */
    @Test
    void restartingTheProcessorMidStreamLosesNoMessageAndDuplicatesNoReply() throws Exception {
        List<String> conversations = List.of(openConversation("patient_001"), openConversation("patient_002"),
                openConversation("patient_001"));
        Map<String, String> accepted = new ConcurrentHashMap<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        ExecutorService sender = Executors.newSingleThreadExecutor();
        Future<?> sending = sender.submit(() -> {
            for (int i = 0; i < 30; i++) {
                String conversation = conversations.get(i % conversations.size());
                String messageId = "restart-" + i + "-" + UUID.randomUUID();
                ResponseEntity<Map<String, Object>> response = post(conversation, messageId, "what do I take? #" + i, 0);
                if (response.getStatusCode().value() == 202) {
                    accepted.put(messageId, conversation);
                } else {
                    refused.add(messageId + " -> " + response.getStatusCode());
                }
                pause(100);
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 10);
        stack.restart("conversation-processor");
        sending.get();
        sender.shutdown();

        assertThat(refused).as("the gateway accepts messages while the processor restarts").isEmpty();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            collectReplies();
            assertThat(accepted.keySet()).allSatisfy(id -> assertThat(repliesByMessage).containsKey(id));
        });
        pause(2_000); // a duplicate would be committed well within this
        collectReplies();
        assertThat(accepted.keySet()).allSatisfy(id ->
                assertThat(repliesByMessage.get(id)).as("replies to %s", id).hasSize(1));
        Map<String, Long> turns = new HashMap<>();
        accepted.values().forEach(conversation -> turns.merge(conversation, 1L, Long::sum));
        turns.forEach((conversation, count) -> assertThat(((Number) gateway.get()
                .uri("/api/v1/conversations/{id}", conversation).retrieve().body(JSON).get("turns")).longValue())
                .as("turns of %s", conversation).isEqualTo(count));
    }

    private String openConversation(String patientId) {
        ResponseEntity<Map<String, Object>> created = gateway.post().uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("patientId", patientId, "channel", "web"))
                .retrieve().toEntity(JSON);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).isNotNull();
        return (String) created.getBody().get("conversationId");
    }

    private ResponseEntity<Map<String, Object>> post(String conversation, String messageId, String text, int waitSeconds) {
        var request = gateway.post().uri("/api/v1/conversations/{id}/messages", conversation)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("messageId", messageId, "text", text));
        if (waitSeconds > 0) {
            request = request.header("Prefer", "wait=" + waitSeconds);
        }
        return request.retrieve().toEntity(JSON);
    }

    private void collectReplies() {
        replies.poll(Duration.ofMillis(200)).forEach(record -> {
            ReplyEvent reply = AvroCodec.shared().decode(record.value(), ReplyEvent.class);
            if (reply.getType() == ReplyEventType.ASSISTANT_REPLIED && reply.getReplied().getInReplyTo() != null) {
                repliesByMessage.computeIfAbsent(reply.getReplied().getInReplyTo(), id -> new ArrayList<>()).add(reply);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
