package com.rxflow.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.notFound;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.jayway.jsonpath.JsonPath;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.gateway.auth.ChannelClients;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The gateway on a real broker, with this test playing the conversation processor: its Kafka side
 * ({@link FakeConversationProcessor}) and its internal HTTP endpoint (WireMock).
 */
// spring-kafka 4 has no kraft attribute: KRaft is the only mode of its embedded broker
@EmbeddedKafka(partitions = 3,
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@ActiveProfiles("local")
class GatewayOnBrokerTest {

    private static final WireMockServer PROCESSOR_HTTP = startedProcessorStub();
    private static FakeConversationProcessor processor;

    @LocalServerPort
    private int port;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Autowired
    private TopicCatalogue topics;

    private RestClient http;

    @DynamicPropertySource
    static void processorUrl(DynamicPropertyRegistry registry) {
        registry.add("rxflow.gateway.processor-url", PROCESSOR_HTTP::baseUrl);
        TestIdentity.registerLocalClients(registry);
    }

    @BeforeEach
    void gatewayIsReady() {
        http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        if (processor == null) {
            processor = new FakeConversationProcessor(brokers, topics);
        }
        // ready means the reply listener owns its partitions: replies from now on reach this gateway
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(http.get().uri("/actuator/health/readiness").retrieve().toEntity(String.class))
                        .satisfies(readiness -> assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK)));
    }

    @AfterAll
    static void stopProcessor() throws InterruptedException {
        PROCESSOR_HTTP.stop();
        if (processor != null) {
            processor.close();
            processor = null;
        }
    }

    @Test
    void openingAConversationPublishesItKeyedByItsId() {
        ResponseEntity<String> opened = opening();

        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String conversationId = JsonPath.read(opened.getBody(), "$.conversationId");
        assertThat(opened.getHeaders().getLocation()).hasToString("/api/v1/conversations/" + conversationId);
        PatientEvent event = published(conversationId, PatientEventType.CONVERSATION_OPENED).value();
        assertThat(event.getConversationOpened().getPatientId()).isEqualTo("P100");
        assertThat(event.getConversationOpened().getChannel()).isEqualTo("web");
        assertThat(event.getConversationOpened().getClientId()).isEqualTo("local-dev");
        assertThat(event.getMetadata().getCorrelationId()).isEqualTo(conversationId);
        assertThat(event.getMetadata().getPatientId()).isEqualTo("P100");
        assertThat(event.getMetadata().getSource()).isEqualTo("gateway");
    }

    @Test
    void aClientThatWaitsGetsTheAssistantsFinalReply() {
        String conversationId = open();

        ResponseEntity<String> answered = send(messages(conversationId), message("m1", "I need a refill"), "wait=5");

        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answered.getHeaders().getFirst("Preference-Applied")).isEqualTo("wait=5");
        assertThat(JsonPath.<String>read(answered.getBody(), "$.messageId")).isEqualTo("m1");
        assertThat(JsonPath.<List<String>>read(answered.getBody(), "$.replies[*].text"))
                .containsExactly("You said: I need a refill");
        assertThat(JsonPath.<String>read(answered.getBody(), "$.replies[0].inReplyTo")).isEqualTo("m1");
        assertThat(JsonPath.<Boolean>read(answered.getBody(), "$.replies[0].final")).isTrue();
        assertThat(JsonPath.<Map<String, Object>>read(answered.getBody(), "$.conversation")).isEqualTo(Map.of(
                "conversationId", conversationId, "state", "GATHERING_INFO", "step", "ASK_MEDICATION"));
        PatientEvent event = published(conversationId, PatientEventType.MESSAGE_RECEIVED).value();
        assertThat(event.getMetadata().getCorrelationId()).isEqualTo("m1");
        assertThat(event.getMetadata().getPatientId()).isEqualTo("P100");
        assertThat(event.getMessageReceived().getClientId()).isEqualTo("local-dev");
    }

    @Test
    void aClientThatDoesNotWaitIsAcceptedAndCanCollectTheReplyLater() {
        String conversationId = open();

        ResponseEntity<String> accepted = send(messages(conversationId), message("m1", "hello"), null);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(JsonPath.<Map<String, Object>>read(accepted.getBody(), "$")).isEqualTo(Map.of(
                "conversationId", conversationId, "messageId", "m1", "status", "accepted"));
        // posting the same message again is safe; the reply that came meanwhile is in the gateway's cache
        ResponseEntity<String> retried = await().atMost(Duration.ofSeconds(10)).until(
                () -> send(messages(conversationId), message("m1", "hello"), "wait=1"),
                response -> response.getStatusCode() == HttpStatus.OK);
        assertThat(JsonPath.<List<String>>read(retried.getBody(), "$.replies[*].text"))
                .containsExactly("You said: hello");
    }

    @Test
    void aReplyTheProcessorAbortedIsNeverDelivered() {
        String conversationId = open();

        ResponseEntity<String> answered = send(messages(conversationId),
                message("m1", FakeConversationProcessor.ABORT_FIRST + " refill"), "wait=5");

        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JsonPath.<List<String>>read(answered.getBody(), "$.replies[*].text"))
                .containsExactly("You said: abort: refill");
    }

    @Test
    void refreshingTheFeatureFlagsNeedsTheServiceKey() {
        assertThat(http.post().uri("/actuator/features/refresh").retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.post().uri("/actuator/features/refresh").header(ServiceKey.HEADER, ServiceKey.DEVELOPMENT_KEY)
                .retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void theConversationIsReadFromTheProcessorWithoutItsClientId() {
        String conversationId = UUID.randomUUID().toString();
        // the stub answers only a caller presenting the service key (the local profile's development key)
        PROCESSOR_HTTP.stubFor(get(urlEqualTo("/internal/conversations/" + conversationId))
                .withHeader(ServiceKey.HEADER, equalTo(ServiceKey.DEVELOPMENT_KEY))
                .willReturn(okJson(processorJson(conversationId, "local-dev"))));

        ResponseEntity<String> conversation = http.get().uri("/api/v1/conversations/{id}", conversationId)
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY).retrieve().toEntity(String.class);

        assertThat(conversation.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> body = JsonPath.read(conversation.getBody(), "$");
        assertThat(body).doesNotContainKey("clientId").containsEntry("conversationId", conversationId)
                .containsEntry("state", "GATHERING_INFO").containsEntry("turns", 1)
                .containsEntry("updatedAt", "2025-01-01T10:00:05Z");
        assertThat(JsonPath.<String>read(conversation.getBody(), "$.pending[0].requestedAt"))
                .isEqualTo("2025-01-01T10:00:04Z");
        assertThat(JsonPath.<String>read(conversation.getBody(), "$.transcript[0].role")).isEqualTo("PATIENT");
    }

    @Test
    void aConversationTheProcessorHasNotSeenYetIsAskedForAgain() {
        String conversationId = UUID.randomUUID().toString();
        String url = "/internal/conversations/" + conversationId;
        PROCESSOR_HTTP.stubFor(get(urlEqualTo(url)).inScenario(conversationId)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(notFound()).willSetStateTo("processed"));
        PROCESSOR_HTTP.stubFor(get(urlEqualTo(url)).inScenario(conversationId)
                .whenScenarioStateIs("processed").willReturn(okJson(processorJson(conversationId, "local-dev"))));

        assertThat(send(messages(conversationId), message("m2", "hi"), null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        // the binding is asked for until the processor knows it, and nothing else: a post reads no transcript
        PROCESSOR_HTTP.verify(2, getRequestedFor(urlEqualTo(url)));
        assertThat(published(conversationId, PatientEventType.MESSAGE_RECEIVED).value().getMetadata().getPatientId())
                .isEqualTo("P100");
    }

    @Test
    void aConversationOfAnotherClientIsNotFound() {
        String conversationId = UUID.randomUUID().toString();
        PROCESSOR_HTTP.stubFor(get(urlEqualTo("/internal/conversations/" + conversationId))
                .willReturn(okJson(processorJson(conversationId, "pharmacy-sms"))));

        ResponseEntity<String> refused = send(messages(conversationId), message("m1", "hi"), null);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("https://rxflow.dev/problems/not-found");
    }

    @Test
    void aProcessorThatCannotAnswerMakesTheGatewayUnavailableForAMoment() {
        String conversationId = UUID.randomUUID().toString();
        PROCESSOR_HTTP.stubFor(get(urlEqualTo("/internal/conversations/" + conversationId))
                .willReturn(aResponse().withStatus(503)));

        ResponseEntity<String> unavailable = http.get().uri("/api/v1/conversations/{id}", conversationId)
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY).retrieve().toEntity(String.class);

        assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.getHeaders().getFirst("Retry-After")).isEqualTo("2");
        assertThat(JsonPath.<String>read(unavailable.getBody(), "$.type"))
                .isEqualTo("https://rxflow.dev/problems/unavailable");
    }

    @Test
    void anUnreadableReplyGoesToTheDeadLetterTopicAndTheNextReplyIsStillDelivered() throws Exception {
        String conversationId = open();
        byte[] garbage = "not an avro record".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            // same key as the conversation's replies, so the same partition: the reply below queues behind it
            raw.send(new ProducerRecord<>(topics.name(TopicCatalogue.ASSISTANT_REPLIES), conversationId, garbage)).get();
        }

        ResponseEntity<String> answered = send(messages(conversationId), message("m1", "still there?"), "wait=5");

        assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
        ConsumerRecord<byte[], byte[]> dead = deadLetter(garbage);
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topics.name(TopicCatalogue.ASSISTANT_REPLIES));
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isNotBlank();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo(conversationId);
    }

    @Test
    void theStreamDeliversEveryReplyAndTheStateItLeavesTheConversationIn() throws Exception {
        String conversationId = open();
        try (SseClient stream = SseClient.open(baseUrl(), conversationId, ChannelClients.DEVELOPMENT_KEY, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("ready").isEmpty());

            send(messages(conversationId), message("m1", "first"), null);
            send(messages(conversationId), message("m2", "second"), null);

            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events("reply").size() == 2);
            assertThat(stream.events("reply")).extracting(SseClient.Event::id).containsExactly("1", "2");
            assertThat(stream.events("reply")).extracting(event -> JsonPath.<String>read(event.data(), "$.text"))
                    .containsExactly("You said: first", "You said: second");
            assertThat(stream.events("state")).first().satisfies(event -> {
                assertThat(JsonPath.<String>read(event.data(), "$.state")).isEqualTo("GATHERING_INFO");
                assertThat(JsonPath.<String>read(event.data(), "$.step")).isEqualTo("ASK_MEDICATION");
            });
        }
    }

    @Test
    void aStreamResumedWithLastEventIdGetsTheRepliesItMissedFromTheTranscript() throws Exception {
        String conversationId = UUID.randomUUID().toString();
        PROCESSOR_HTTP.stubFor(get(urlEqualTo("/internal/conversations/" + conversationId))
                .willReturn(okJson(answeredJson(conversationId, "local-dev"))));

        try (SseClient stream = SseClient.open(baseUrl(), conversationId, ChannelClients.DEVELOPMENT_KEY, "1")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.events("reply").size() == 1);
            SseClient.Event missed = stream.events("reply").get(0);
            assertThat(missed.id()).isEqualTo("2");
            assertThat(JsonPath.<String>read(missed.data(), "$.text")).isEqualTo("Which pharmacy?");
            assertThat(JsonPath.<Boolean>read(missed.data(), "$.final")).isTrue();
        }
    }

    @Test
    void anotherKeyCannotStreamAConversation() {
        String conversationId = open();

        ResponseEntity<String> refused = http.get().uri("/api/v1/conversations/{id}/stream", conversationId)
                .header("X-Api-Key", ChannelClients.SMS_DEVELOPMENT_KEY).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo("https://rxflow.dev/problems/not-found");
    }

    @Test
    void aMalformedLastEventIdIsAValidationProblem() {
        String conversationId = open();

        ResponseEntity<String> refused = http.get().uri("/api/v1/conversations/{id}/stream", conversationId)
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY).header("Last-Event-ID", "yesterday")
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.errors[0].field")).isEqualTo("Last-Event-ID");
    }

    /**
     * The gateway that took a message stops and another starts with empty caches: the same message
     * id posted again is published without asking first, and answered with the same reply by the
     * processor, which makes it no new turn and says its answer again.
     */
    @Test
    void aMessagePostedAgainAfterAGatewayRestartIsOneTurnWithTheSameReply() throws Exception {
        String conversationId;
        String firstAnswer;
        SseClient stream;
        try (GatewayInstance before = GatewayInstance.start(brokers, PROCESSOR_HTTP.baseUrl(), "restart-1")) {
            conversationId = JsonPath.read(before.http().post().uri("/api/v1/conversations")
                    .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY)
                    .header("X-Patient-Assertion", TestIdentity.assertion("local-dev", "P100"))
                    .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().body(String.class), "$.conversationId");
            ResponseEntity<String> answered = sendTo(before, conversationId, message("m1", "refill please"));
            assertThat(answered.getStatusCode()).isEqualTo(HttpStatus.OK);
            firstAnswer = answered.getBody();
            stream = SseClient.open(before.baseUrl(), conversationId, ChannelClients.DEVELOPMENT_KEY, null);
            SseClient open = stream;
            await().atMost(Duration.ofSeconds(10)).until(() -> !open.events("ready").isEmpty());
        }
        // stopping the instance ended its streams (the client would reconnect elsewhere with Last-Event-ID)
        SseClient ended = stream;
        await().atMost(Duration.ofSeconds(10)).until(ended::ended);
        stream.close();
        // what the processor's store now holds for the conversation: the message and its reply
        Map<String, Object> reply = JsonPath.read(firstAnswer, "$.replies[0]");
        PROCESSOR_HTTP.stubFor(get(urlEqualTo("/internal/conversations/" + conversationId))
                .willReturn(okJson(transcriptJson(conversationId, "m1", "refill please", reply))));

        try (GatewayInstance after = GatewayInstance.start(brokers, PROCESSOR_HTTP.baseUrl(), "restart-2")) {
            ResponseEntity<String> again = sendTo(after, conversationId, message("m1", "refill please"));

            assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(JsonPath.<List<Map<String, Object>>>read(again.getBody(), "$.replies"))
                    .singleElement().satisfies(same -> {
                        assertThat(same.get("replyId")).isEqualTo(reply.get("replyId"));
                        assertThat(same.get("sequence")).isEqualTo(reply.get("sequence"));
                        assertThat(same.get("text")).isEqualTo("You said: refill please");
                        assertThat(same.get("final")).isEqualTo(true);
                    });
        }
        // the new instance asked the processor for the binding it did not have, and for nothing else
        PROCESSOR_HTTP.verify(1, getRequestedFor(urlEqualTo("/internal/conversations/" + conversationId)));
        assertThat(processor.received().stream().filter(record -> record.key().equals(conversationId)
                && record.value().getType() == PatientEventType.MESSAGE_RECEIVED)).hasSize(2);
    }

    @Test
    void theWebChatIsServedAtTheRootUnderAContentSecurityPolicy() {
        ResponseEntity<String> page = http.get().uri("/").retrieve().toEntity(String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("RxFlow Pharmacy Assistant", "chat/app.js");
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        for (String asset : List.of("/chat/app.js", "/chat/api.js", "/chat/events.js", "/chat/panel.js",
                "/chat/progress.js", "/chat/chat.css")) {
            assertThat(http.get().uri(asset).retrieve().toEntity(String.class).getStatusCode()).as(asset)
                    .isEqualTo(HttpStatus.OK);
        }
    }

    @Test
    void theLocalProfileTellsTheWebChatWhereToSignInAndHandsItNoKey() {
        String config = http.get().uri("/chat/config").retrieve().body(String.class);

        assertThat(JsonPath.<Map<String, Object>>read(config, "$")).containsOnlyKeys("issuer", "clientId")
                .containsEntry("issuer", "http://localhost:9000").containsEntry("clientId", "rxflow-web-chat");
    }

    @Test
    void theOpenApiDocumentDescribesTheApiAndItsProblems() {
        ResponseEntity<String> document = http.get().uri("/v3/api-docs").retrieve().toEntity(String.class);

        assertThat(document.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> paths = JsonPath.read(document.getBody(), "$.paths");
        assertThat(paths).containsKeys("/api/v1/conversations", "/api/v1/conversations/{conversationId}",
                "/api/v1/conversations/{conversationId}/messages", "/api/v1/conversations/{conversationId}/stream");
        assertThat(JsonPath.<String>read(document.getBody(), "$.components.securitySchemes.apiKey.name"))
                .isEqualTo("X-Api-Key");
        assertThat(JsonPath.<String>read(document.getBody(), "$.components.securitySchemes.patientToken.scheme"))
                .isEqualTo("bearer");
        assertThat(JsonPath.<Map<String, Object>>read(document.getBody(),
                "$.paths['/api/v1/conversations/{conversationId}/messages'].post.responses")).containsKeys(
                "200", "202", "400", "401", "404", "429", "503");
        assertThat(http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void probesNeedNoKey() {
        assertThat(http.get().uri("/actuator/health/liveness").retrieve().toEntity(String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static ResponseEntity<String> sendTo(GatewayInstance gateway, String conversationId, String json) {
        return gateway.http().post().uri(messages(conversationId)).header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY)
                .header("Prefer", "wait=10").contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toEntity(String.class);
    }

    private static String transcriptJson(String conversationId, String messageId, String text,
            Map<String, Object> reply) {
        return """
                {"conversationId":"%s","patientId":"P100","channel":"web","clientId":"local-dev",
                 "conversationType":"simple","state":"GATHERING_INFO","step":"ASK_MEDICATION","turns":1,
                 "createdAt":"2025-01-01T10:00:00Z","updatedAt":"2025-01-01T10:00:05Z","pending":[],
                 "transcript":[{"role":"patient","text":"%s","at":"2025-01-01T10:00:03Z","messageId":"%s",
                                "replyId":null,"sequence":0},
                               {"role":"assistant","text":"%s","at":"%s","messageId":"%s","replyId":"%s","sequence":%s}]}
                """.formatted(conversationId, text, messageId, reply.get("text"), reply.get("at"), messageId,
                reply.get("replyId"), reply.get("sequence"));
    }

    private static String answeredJson(String conversationId, String clientId) {
        return """
                {"conversationId":"%s","patientId":"P100","channel":"web","clientId":"%s",
                 "conversationType":"REFILL","state":"AWAITING_CONFIRMATION","step":"SELECT_PHARMACY","turns":2,
                 "createdAt":"2025-01-01T10:00:00Z","updatedAt":"2025-01-01T10:00:09Z","pending":[],
                 "transcript":[
                   {"role":"patient","text":"refill","at":"2025-01-01T10:00:03Z","messageId":"m1","sequence":0},
                   {"role":"assistant","text":"Which medication?","at":"2025-01-01T10:00:04Z","messageId":"m1",
                    "replyId":"r1","sequence":1},
                   {"role":"patient","text":"omeprazole","at":"2025-01-01T10:00:07Z","messageId":"m2","sequence":0},
                   {"role":"assistant","text":"Which pharmacy?","at":"2025-01-01T10:00:08Z","messageId":"m2",
                    "replyId":"r2","sequence":2}]}
                """.formatted(conversationId, clientId);
    }

    /** Opens a conversation for P100 as the local-dev channel. */
    private ResponseEntity<String> opening() {
        return http.post().uri("/api/v1/conversations")
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY)
                .header("X-Patient-Assertion", TestIdentity.assertion("local-dev", "P100"))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);
    }

    private String open() {
        ResponseEntity<String> opened = opening();
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return JsonPath.read(opened.getBody(), "$.conversationId");
    }

    private ResponseEntity<String> send(String path, String json, String prefer) {
        RestClient.RequestBodySpec request = http.post().uri(path)
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .body(json);
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return request.retrieve().toEntity(String.class);
    }

    private static String messages(String conversationId) {
        return "/api/v1/conversations/" + conversationId + "/messages";
    }

    private static String message(String messageId, String text) {
        return "{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}";
    }

    private static ConsumerRecord<String, PatientEvent> published(String conversationId, PatientEventType type) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> processor.received().stream()
                        .filter(record -> record.key().equals(conversationId) && record.value().getType() == type)
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private ConsumerRecord<byte[], byte[]> deadLetter(byte[] value) {
        String topic = "rxflow.gateway.dlt";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (Arrays.equals(record.value(), value)) {
                        return record;
                    }
                }
                return null;
            }, Objects::nonNull);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String processorJson(String conversationId, String clientId) {
        return """
                {"conversationId":"%s","patientId":"P100","channel":"web","clientId":"%s",
                 "conversationType":"REFILL","state":"GATHERING_INFO","step":"ASK_MEDICATION","turns":1,
                 "createdAt":"2025-01-01T10:00:00Z","updatedAt":"2025-01-01T10:00:05Z",
                 "pending":[{"kind":"TOOL","id":"t1","name":"medication-history","messageId":"m1",
                             "requestedAt":"2025-01-01T10:00:04Z"}],
                 "transcript":[{"role":"PATIENT","text":"I need a refill","at":"2025-01-01T10:00:03Z",
                                "messageId":"m1","replyId":null,"sequence":null}],
                 "addedLater":"ignored by a tolerant reader"}
                """.formatted(conversationId, clientId);
    }

    private static WireMockServer startedProcessorStub() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        return server;
    }
}
