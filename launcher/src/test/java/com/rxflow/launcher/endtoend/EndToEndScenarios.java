package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.launcher.LocalStack;
import com.rxflow.launcher.broker.KafkaBroker;
import com.rxflow.launcher.channel.PatientEventCommand;
import com.rxflow.launcher.chat.ChatCommand;

import picocli.CommandLine;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The whole system on a real broker, driven through the gateway's HTTP API as a channel would:
 * the four services run as the launcher runs them. Subclasses choose the broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private RunningStack running;
    private LocalStack stack;
    private RestClient gateway;
    private KafkaConsumer<String, byte[]> replies;
    private final Map<String, List<ReplyEvent>> repliesByMessage = new ConcurrentHashMap<>();

    /** The broker the stack runs on, not started yet. */
    abstract KafkaBroker broker(Path dataDir);

    @BeforeAll
    void startTheStack() {
        running = RunningStack.start(this::broker);
        stack = running.stack();
        gateway = running.gateway(RunningStack.WEB_KEY);
        String bootstrap = running.bootstrapServers();
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
        if (running != null) {
            running.close();
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
        // the other documented key does not even learn that the conversation exists
        assertThat(running.gateway(RunningStack.SMS_KEY).get().uri("/api/v1/conversations/{id}", conversation)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void theTerminalChatTalksToTheGateway() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        byte[] typed = "Which medications am I on?\n/quit\n".getBytes(StandardCharsets.UTF_8);

        int exit = new CommandLine(new ChatCommand(new ByteArrayInputStream(typed)))
                .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("--gateway", running.gatewayUrl(), "--issuer", running.issuer(), "--user", "john");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Conversation ", "for john", "you> ", "assistant> ")
                .contains("Omeprazole");
    }

    /**
     * A channel that speaks Kafka: the PatientEvent written by 'rxflow patient-event' (as gateway/README.md's
     * kcat recipe produces it: key = conversation id, value = the file's bytes, no headers) opens a
     * conversation and asks; the reply comes on the replies topic.
     */
    @Test
    void aChannelThatSpeaksKafkaProducesThePatientEventContractDirectly() throws Exception {
        String conversation = "sms-" + UUID.randomUUID();
        Path folder = Files.createDirectories(Path.of("target", "e2e", "kafka-channel"));
        Path opened = folder.resolve(conversation + "-open.avro");
        Path message = folder.resolve(conversation + "-m1.avro");
        String[] common = {"--conversation", conversation, "--patient", "patient_002", "--client", "sms-adapter"};
        assertThat(new CommandLine(new PatientEventCommand()).setOut(new PrintWriter(new StringWriter()))
                .execute(concat(common, "--open", "--out", opened.toString()))).isZero();
        assertThat(new CommandLine(new PatientEventCommand()).setOut(new PrintWriter(new StringWriter()))
                .execute(concat(common, "--message-id", "sms-m1", "--text", "What do I take?",
                        "--out", message.toString()))).isZero();

        try (KafkaProducer<String, byte[]> channel = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, running.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            String topic = TopicCatalogue.defaults().name(TopicCatalogue.PATIENT_MESSAGES);
            channel.send(new ProducerRecord<>(topic, conversation, Files.readAllBytes(opened))).get();
            channel.send(new ProducerRecord<>(topic, conversation, Files.readAllBytes(message))).get();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            collectReplies();
            assertThat(repliesByMessage.get("sms-m1")).isNotNull().singleElement().satisfies(reply -> {
                assertThat(reply.getMetadata().getConversationId()).isEqualTo(conversation);
                assertThat(reply.getReplied().getText()).contains("Mary");
            });
        });
    }

    @Test
    void theToolCallsOfAConversationAreOnTheAuditTrailWhoseChainsVerify() {
        String conversation = openConversation("patient_001");
        assertThat(post(conversation, "m-1", "Which medications am I on?", 20).getStatusCode().value()).isEqualTo(200);
        RestClient auditor = RestClient.builder().baseUrl(running.consoleUrl())
                .defaultHeaders(headers -> headers.setBasicAuth("auditor", "rxflow-local-auditor")).build();

        // recorded by tools-service, found by escalation-service: the services share one pseudonym key
        Map<String, Object> toolCall = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> list(auditor.get().uri("/api/v1/audit/patients/{id}/accesses", "patient_001").retrieve()
                        .body(JSON).get("accesses")).stream()
                        .filter(a -> conversation.equals(a.get("purposeId")) && "TOOL_CALLED".equals(a.get("action")))
                        .findFirst().orElse(null), found -> found != null);
        assertThat(toolCall).containsEntry("service", "tools-service").containsEntry("actorId", "tools-service")
                .containsEntry("detail", "medication_history");

        StringWriter out = new StringWriter();
        int exit = com.rxflow.launcher.RxflowCli.commandLine().setOut(new PrintWriter(out))
                .execute("audit", "verify", "--bootstrap-servers", running.bootstrapServers(), "--timeout", "30");
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("every chain intact").doesNotContain("BROKEN");
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
     * One emergency of every category of the safety screen, written as patients write, through the
     * gateway: the patient is told at once whom to call, and the pharmacists' queue shows an URGENT
     * case with the category as its reason.
     */
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/understanding/emergency-examples.csv", delimiter = '|')
    void anEmergencyIsAnsweredAtOnceAndQueuedAsAnUrgentCaseWithItsCategory(String category, String message,
            String number) {
        String conversation = openConversation("patient_001");
        RestClient pharmacist = running.pharmacist();

        ResponseEntity<Map<String, Object>> answer = post(conversation, "m-1", message, 20);

        assertThat(list(answer.getBody().get("replies"))).first()
                .satisfies(reply -> assertThat((String) reply.get("text")).contains(number));
        Map<String, Object> queued = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> caseOf(pharmacist, conversation), row -> row != null);
        assertThat(queued).containsEntry("route", "URGENT").containsEntry("priority", "URGENT");
        Map<String, Object> detail = pharmacist.get().uri("/api/v1/cases/{id}", (String) queued.get("escalationId"))
                .retrieve().body(JSON);
        assertThat(String.valueOf(detail.get("reasonCodes"))).contains(category);
        assertThat(detail.get("question")).isEqualTo(message);
    }

    /**
     * A clinical question reaches a pharmacist: the case opens in the queue, the pharmacist claims
     * it and answers through the pharmacists' API, the patient reads the answer in their
     * conversation, and once the pharmacist hands the conversation back the assistant answers again.
     */
    @Test
    void aPharmacistAnswersAClinicalQuestionAndHandsTheConversationBackToTheAssistant() {
        String conversation = openConversation("patient_001");
        RestClient pharmacist = running.pharmacist();

        ResponseEntity<Map<String, Object>> asked = post(conversation, "m-1",
                "can I take ibuprofen with my meloxicam?", 20);
        assertThat(list(asked.getBody().get("replies"))).last()
                .satisfies(reply -> assertThat((String) reply.get("text")).contains("pharmacist"));
        assertThat(map(asked.getBody().get("conversation"))).containsEntry("step", "WITH_PHARMACIST");

        Map<String, Object> queued = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> caseOf(pharmacist, conversation), row -> row != null);
        String escalationId = (String) queued.get("escalationId");
        assertThat(queued).containsEntry("route", "PHARMACIST").containsEntry("status", "OPENED");
        Map<String, Object> detail = pharmacist.get().uri("/api/v1/cases/{id}", escalationId).retrieve().body(JSON);
        assertThat(detail.get("question")).isEqualTo("can I take ibuprofen with my meloxicam?");
        assertThat(String.valueOf(detail.get("reasonCodes"))).contains("CLINICAL_QUESTION");

        ResponseEntity<Map<String, Object>> claimed = pharmacist.post().uri("/api/v1/cases/{id}/claim", escalationId)
                .retrieve().toEntity(JSON);
        assertThat(claimed.getStatusCode().value()).isEqualTo(200);
        String answer = "Please don't take ibuprofen with meloxicam: both are NSAIDs. Acetaminophen is a safer choice.";
        ResponseEntity<Map<String, Object>> replied = pharmacist.post().uri("/api/v1/cases/{id}/replies", escalationId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", answer)).retrieve().toEntity(JSON);
        assertThat(replied.getStatusCode().value()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(transcript(conversation)).anySatisfy(line -> {
                    assertThat(line.get("text")).isEqualTo(answer);
                    assertThat(line.get("role")).isEqualTo("pharmacist");
                }));
        assertThat(transcript(conversation)).anySatisfy(line -> assertThat((String) line.get("text"))
                .contains("Jennifer Martinez, a pharmacist, has joined"));

        ResponseEntity<Map<String, Object>> returned = pharmacist.post().uri("/api/v1/cases/{id}/resolve", escalationId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("outcome", "RETURNED_TO_ASSISTANT"))
                .retrieve().toEntity(JSON);
        assertThat(returned.getBody()).containsEntry("status", "RETURNED");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(transcript(conversation)).anySatisfy(line -> assertThat((String) line.get("text"))
                        .contains("handed the conversation back")));

        ResponseEntity<Map<String, Object>> next = post(conversation, "m-2", "Which medications am I on?", 20);
        assertThat(list(next.getBody().get("replies"))).last().satisfies(reply -> {
            assertThat(reply.get("author")).isEqualTo("ASSISTANT");
            assertThat((String) reply.get("text")).contains("Meloxicam");
        });
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
        ResponseEntity<Map<String, Object>> created = running.openConversation(patientId);
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

    /** The queue's row of the case of a conversation, or null while it has none. */
    private static Map<String, Object> caseOf(RestClient pharmacist, String conversation) {
        ResponseEntity<Map<String, Object>> queue = pharmacist.get().uri("/api/v1/cases").retrieve().toEntity(JSON);
        if (queue.getStatusCode().value() != 200) {
            return null;
        }
        return list(queue.getBody().get("cases")).stream().filter(row -> conversation.equals(row.get("conversationId")))
                .findFirst().orElse(null);
    }

    private List<Map<String, Object>> transcript(String conversation) {
        return list(gateway.get().uri("/api/v1/conversations/{id}/messages?page=0&size=100", conversation)
                .retrieve().body(JSON).get("messages"));
    }

    private void collectReplies() {
        replies.poll(Duration.ofMillis(200)).forEach(record -> {
            ReplyEvent reply = AvroCodec.shared().decode(record.value(), ReplyEvent.class);
            if (reply.getType() == ReplyEventType.ASSISTANT_REPLIED && reply.getReplied().getInReplyTo() != null) {
                repliesByMessage.computeIfAbsent(reply.getReplied().getInReplyTo(), id -> new ArrayList<>()).add(reply);
            }
        });
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    /** A JSON array of objects, as the gateway's API returns it (also for SecureStackEndToEndTest). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** A JSON object, as the gateway's API returns it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
