package com.rxflow.escalation.api;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.escalation.TopicReader;
import com.rxflow.escalation.EscalationServiceTest;
import com.rxflow.escalation.StaffClient;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

import tools.jackson.databind.JsonNode;

/** The pharmacists' API on a real broker: who may do what, the claim race, the actions' events, the live stream. */
@EscalationServiceTest
class CasesApiTest {

    private final Topic<String, EscalationCommand> commands;
    private final KafkaProducer<String, EscalationCommand> producer;
    private final TopicReader<EscalationEvent> events;
    private final MeterRegistry meters;
    private final String base;

    @Autowired
    CasesApiTest(TopicCatalogue catalogue, EmbeddedKafkaBroker broker, MeterRegistry meters, @LocalServerPort int port) {
        this.commands = catalogue.topic(TopicCatalogue.ESCALATION_COMMANDS);
        Topic<String, EscalationEvent> eventTopic = catalogue.topic(TopicCatalogue.ESCALATION_EVENTS);
        this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                commands.valueSerde().serializer());
        this.events = new TopicReader<>(broker, eventTopic.name(), eventTopic.valueSerde().deserializer());
        this.meters = meters;
        this.base = "http://localhost:" + port;
    }

    @AfterEach
    void close() {
        producer.close();
        events.close();
    }

    @Test
    void aPharmacistReadsTheQueueAndTheCaseWithThePatientsSummary() {
        String id = openCase(EscalationRoute.PHARMACIST);

        JsonNode queue = awaitInQueue(as("jmartinez"), id);
        JsonNode found = as("jmartinez").get("/api/v1/cases/" + id).json();

        assertThat(queue.get("complete").asBoolean()).isTrue();
        assertThat(row(queue, id).get("patientName").asString()).isEqualTo("John Smith");
        assertThat(found.get("status").asString()).isEqualTo("OPENED");
        assertThat(found.get("question").asString()).isEqualTo("Can I take ibuprofen with my lisinopril?");
        assertThat(found.get("patient").get("allergies").get(0).asString()).isEqualTo("penicillin");
        assertThat(found.get("transcript").get(0).get("role").asString()).isEqualTo("patient");
    }

    @Test
    void ofTwoPharmacistsClaimingAtOnceOneWinsAndTheOtherIsToldWhoHasTheCase() {
        String id = openCase(EscalationRoute.PHARMACIST);
        awaitInQueue(as("jmartinez"), id);

        CompletableFuture<StaffClient.Response> jennifer = CompletableFuture.supplyAsync(
                () -> as("jmartinez").post("/api/v1/cases/" + id + "/claim", null));
        CompletableFuture<StaffClient.Response> omar = CompletableFuture.supplyAsync(
                () -> as("ofarouk").post("/api/v1/cases/" + id + "/claim", null));
        List<StaffClient.Response> answers = List.of(jennifer.join(), omar.join());

        assertThat(answers).extracting(StaffClient.Response::status).containsExactlyInAnyOrder(200, 409);
        StaffClient.Response won = answers.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        StaffClient.Response lost = answers.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        String winner = won.json().get("owner").get("name").asString();
        assertThat(lost.header("Content-Type")).startsWith("application/problem+json");
        assertThat(lost.json().get("type").asString()).isEqualTo("https://rxflow.dev/problems/case-claimed");
        assertThat(lost.json().get("detail").asString()).isEqualTo(winner + " has this case");
        assertThat(lost.json().get("claimedBy").get("name").asString()).isEqualTo(winner);
        events.awaitFirst(r -> isEvent(r, id, EscalationEventType.ESCALATION_CLAIMED));
        pause();
        events.awaitFirst(r -> false, Duration.ofMillis(500));
        assertThat(events.records()).filteredOn(r -> isEvent(r, id, EscalationEventType.ESCALATION_CLAIMED)).hasSize(1);
        assertThat(meters.find("rxflow.escalation.time.to.claim").timer()).isNotNull();
    }

    @Test
    void theOwnerRepliesAndReturnsTheConversationAndEveryEventNamesThem() {
        String id = openCase(EscalationRoute.PHARMACIST);
        awaitInQueue(as("jmartinez"), id);
        assertThat(as("jmartinez").post("/api/v1/cases/" + id + "/claim", null).status()).isEqualTo(200);

        StaffClient.Response intruder = as("ofarouk").post("/api/v1/cases/" + id + "/replies", Map.of("text", "hi"));
        StaffClient.Response replied = as("jmartinez").post("/api/v1/cases/" + id + "/replies",
                Map.of("text", "Please avoid ibuprofen with lisinopril; acetaminophen is safer."));
        StaffClient.Response returned = as("jmartinez").post("/api/v1/cases/" + id + "/resolve",
                Map.of("outcome", "RETURNED_TO_ASSISTANT"));

        assertThat(intruder.status()).isEqualTo(409);
        assertThat(intruder.json().get("type").asString()).endsWith("/not-case-owner");
        assertThat(replied.status()).isEqualTo(200);
        assertThat(replied.json().get("messages").get(0).get("author").asString()).isEqualTo("Jennifer Martinez");
        assertThat(returned.json().get("status").asString()).isEqualTo("RETURNED");
        EscalationEvent reply = events.awaitFirst(r -> isEvent(r, id, EscalationEventType.PHARMACIST_REPLIED)).value();
        assertThat(reply.getPharmacistReplied().getPharmacistId()).isEqualTo("jmartinez");
        assertThat(reply.getPharmacistReplied().getText()).startsWith("Please avoid ibuprofen");
        EscalationEvent resolved = events.awaitFirst(r -> isEvent(r, id, EscalationEventType.ESCALATION_RESOLVED))
                .value();
        assertThat(resolved.getResolved().getPharmacistId()).isEqualTo("jmartinez");
        assertThat(resolved.getResolved().getPharmacistName()).isEqualTo("Jennifer Martinez");
        assertThat(as("jmartinez").post("/api/v1/cases/" + id + "/replies", Map.of("text", "late")).json()
                .get("type").asString()).endsWith("/case-finished");
    }

    @Test
    void aRetriedActionWithTheSameIdempotencyKeyIsAppliedOnce() {
        String id = openCase(EscalationRoute.PHARMACIST);
        awaitInQueue(as("jmartinez"), id);
        as("jmartinez").post("/api/v1/cases/" + id + "/claim", null);
        String key = "reply-" + UUID.randomUUID();

        StaffClient.Response first = as("jmartinez").post("/api/v1/cases/" + id + "/replies", Map.of("text", "once"), key);
        StaffClient.Response again = as("jmartinez").post("/api/v1/cases/" + id + "/replies", Map.of("text", "once"), key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("messages")).hasSize(1);
        assertThat(as("jmartinez").post("/api/v1/cases/" + id + "/replies", Map.of("text", "x"), "not a key!").status())
                .isEqualTo(400);
    }

    @Test
    void aPrescriberSeesThePrescriberQueueRecordsADecisionAndClaimsNothing() {
        String renewal = openCase(EscalationRoute.PRESCRIBER);
        String question = openCase(EscalationRoute.PHARMACIST);
        awaitInQueue(as("jmartinez"), question);
        JsonNode prescriberQueue = awaitInQueue(as("drjohnson"), renewal);

        assertThat(prescriberQueue.get("cases")).allSatisfy(c -> assertThat(c.get("route").asString()).isEqualTo("PRESCRIBER"));
        assertThat(as("drjohnson").get("/api/v1/cases/" + question).status()).isEqualTo(403);
        assertThat(as("drjohnson").post("/api/v1/cases/" + question + "/claim", null).status()).isEqualTo(403);
        StaffClient.Response decided = as("drjohnson").post("/api/v1/cases/" + renewal + "/prescriber-decision",
                Map.of("decision", "APPROVED", "note", "Renewed for 90 days"));

        assertThat(decided.status()).isEqualTo(200);
        assertThat(decided.json().get("status").asString()).isEqualTo("APPROVED");
        EscalationEvent event = events.awaitFirst(r -> isEvent(r, renewal, EscalationEventType.PRESCRIBER_DECISION))
                .value();
        assertThat(event.getPrescriberDecision().getPrescriber()).isEqualTo("Dr. Sarah Johnson");
        assertThat(event.getPrescriberDecision().getRecordedById()).isEqualTo("drjohnson");
        StaffClient.Response claim = as("jmartinez").post("/api/v1/cases/" + renewal + "/claim", null);
        assertThat(claim.status()).isEqualTo(422);
        assertThat(claim.json().get("type").asString()).endsWith("/wrong-route");
    }

    @Test
    void withoutSignInTheApiAnswersAProblemTheConsoleTheLoginPageAndTheProbesAnswer() {
        StaffClient anonymous = new StaffClient(base, null, null);

        StaffClient.Response api = anonymous.get("/api/v1/cases");
        StaffClient.Response console = anonymous.page("/");
        StaffClient.Response wrongPassword = new StaffClient(base, "jmartinez", "guess").get("/api/v1/cases");

        assertThat(api.status()).isEqualTo(401);
        assertThat(api.header("WWW-Authenticate")).as("no challenge a browser would answer").isNull();
        assertThat(api.json().get("type").asString()).isEqualTo("https://rxflow.dev/problems/unauthorized");
        assertThat(console.status()).isEqualTo(302);
        assertThat(console.header("Location")).endsWith("/login");
        assertThat(anonymous.page("/login").body()).as("the sign-in page").contains("name=\"username\"");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.header("WWW-Authenticate")).isNull();
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").body()).contains("/api/v1/cases/{escalationId}/claim")
                .doesNotContain("/internal/");
        assertThat(anonymous.get("/internal/cases").status()).as("peers only").isEqualTo(401);
    }

    @Test
    void mistakesAreProblemDetailsWithAStableType() {
        StaffClient.Response unknown = as("jmartinez").get("/api/v1/cases/no-such-case");
        StaffClient.Response empty = as("jmartinez").post("/api/v1/cases/no-such-case/replies", Map.of("text", " "));
        StaffClient.Response filter = as("jmartinez").get("/api/v1/cases?status=SOMETIMES");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).endsWith("/not-found");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("type").asString()).endsWith("/validation");
        assertThat(filter.json().get("type").asString()).endsWith("/validation");
    }

    @Test
    void theConsolesStreamTellsOfEveryChange() throws Exception {
        HttpResponse<Stream<String>> stream = as("jmartinez").stream("/api/v1/cases/stream");
        assertThat(stream.statusCode()).isEqualTo(200);
        Iterator<String> lines = stream.body().iterator();
        assertThat(lines.next()).isEqualTo(":connected");
        // the feed reads from the latest offset once its group has partitions: keep opening cases until one is heard
        List<String> opened = new ArrayList<>();
        CompletableFuture<String> heard = CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data:") && opened.stream().anyMatch(line::contains)) {
                    return line;
                }
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            opened.add(openCase(EscalationRoute.PHARMACIST));
            return heard.isDone();
        });

        assertThat(heard.get()).contains("\"type\":\"ESCALATION_OPENED\"");
        stream.body().close();
    }

    private String openCase(EscalationRoute route) {
        String conversation = "conv-" + UUID.randomUUID();
        String id = "esc-" + UUID.randomUUID();
        EscalationCommand command = anEscalation().conversation(conversation).escalationId(id).route(route).build();
        producer.send(new ProducerRecord<>(commands.name(), conversation, command));
        producer.flush();
        return id;
    }

    private JsonNode awaitInQueue(StaffClient client, String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.get("/api/v1/cases"), r -> r.status() == 200 && row(r.json(), id) != null)
                .json();
    }

    private static JsonNode row(JsonNode queue, String id) {
        for (JsonNode row : queue.get("cases")) {
            if (row.get("escalationId").asString().equals(id)) {
                return row;
            }
        }
        return null;
    }

    private StaffClient as(String user) {
        return new StaffClient(base, user, EscalationServiceTest.PASSWORD);
    }

    private static boolean isEvent(ConsumerRecord<String, EscalationEvent> record, String id, EscalationEventType type) {
        return record.value().getType() == type && id.equals(com.rxflow.schemas.event.EscalationEvents.escalationId(record.value()));
    }

    private static void pause() {
        try {
            Thread.sleep(1_000); // a second CLAIMED event would be committed well within this
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
