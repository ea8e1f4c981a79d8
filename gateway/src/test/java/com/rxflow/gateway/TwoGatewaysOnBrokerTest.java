package com.rxflow.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;

import com.rxflow.gateway.auth.ChannelClients;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Two gateway instances on one cluster (distinct ports and instance ids, one broker, the
 * processor played by the test): whichever instance holds a client's request or stream, every
 * reply reaches it, exactly once, and no client gets another's reply.
 */
@EmbeddedKafka(partitions = 3, brokerProperties = {"transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0"})
class TwoGatewaysOnBrokerTest {

    private static final String KEY = ChannelClients.DEVELOPMENT_KEY;

    private static WireMockServer processorHttp;
    private static FakeConversationProcessor processor;
    private static GatewayInstance first;
    private static GatewayInstance second;

    @BeforeAll
    static void startTwoGateways(EmbeddedKafkaBroker broker) {
        processorHttp = new WireMockServer(options().dynamicPort());
        processorHttp.start();
        first = GatewayInstance.start(broker.getBrokersAsString(), processorHttp.baseUrl(), "gateway-a");
        second = GatewayInstance.start(broker.getBrokersAsString(), processorHttp.baseUrl(), "gateway-b");
        // after the gateways, which create the topics the fake processor reads
        processor = new FakeConversationProcessor(broker.getBrokersAsString(), TopicCatalogue.defaults());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (processor != null) {
            processor.close();
        }
        for (GatewayInstance gateway : new GatewayInstance[] {first, second}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (processorHttp != null) {
            processorHttp.stop();
        }
    }

    @Test
    void everyWaitingClientGetsItsOwnReplyExactlyOnceWhicheverInstanceItReached() throws Exception {
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // opened on one instance, posted to through either: the other learns the binding from the processor
            conversations.add(open(i % 2 == 0 ? first : second));
        }
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Result>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            GatewayInstance gateway = i % 2 == 0 ? first : second;
            String conversationId = conversations.get(i % conversations.size());
            String messageId = "m-" + i;
            String text = "message " + i;
            results.add(clients.submit(() -> new Result(conversationId, messageId,
                    post(gateway, conversationId, messageId, text, "wait=20"))));
        }
        clients.shutdown();

        for (Future<Result> future : results) {
            Result result = future.get();
            assertThat(result.response().getStatusCode()).as(result.messageId()).isEqualTo(HttpStatus.OK);
            assertThat(JsonPath.<List<Map<String, Object>>>read(result.response().getBody(), "$.replies"))
                    .as("replies to %s", result.messageId())
                    .singleElement().satisfies(reply -> {
                        assertThat(reply.get("inReplyTo")).isEqualTo(result.messageId());
                        assertThat(reply.get("text")).isEqualTo("You said: message " + result.messageId().substring(2));
                    });
        }
    }

    @Test
    void streamsOnBothInstancesGetEveryReplyOnceAndInOrder() throws Exception {
        String conversationId = open(first);
        try (SseClient onFirst = SseClient.open(first.baseUrl(), conversationId, KEY, null);
                SseClient onSecond = SseClient.open(second.baseUrl(), conversationId, KEY, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    !onFirst.events("ready").isEmpty() && !onSecond.events("ready").isEmpty());

            for (int i = 1; i <= 4; i++) {
                assertThat(post(i % 2 == 0 ? first : second, conversationId, "s-" + i, "streamed " + i, null)
                        .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            }

            for (SseClient stream : List.of(onFirst, onSecond)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> stream.events("reply").size() >= 4);
                Thread.sleep(500); // a duplicate would arrive right behind
                assertThat(stream.events("reply")).extracting(SseClient.Event::id).containsExactly("1", "2", "3", "4");
                assertThat(stream.events("reply")).extracting(event -> JsonPath.<String>read(event.data(), "$.inReplyTo"))
                        .containsExactly("s-1", "s-2", "s-3", "s-4");
            }
        }
    }

    private static String open(GatewayInstance gateway) {
        ResponseEntity<String> opened = gateway.http().post().uri("/api/v1/conversations").header("X-Api-Key", KEY)
                .header("X-Patient-Assertion", TestIdentity.assertion("local-dev", "P100"))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String conversationId = JsonPath.read(opened.getBody(), "$.conversationId");
        processorHttp.stubFor(get(urlEqualTo("/internal/conversations/" + conversationId)).willReturn(okJson("""
                {"conversationId":"%s","patientId":"P100","channel":"web","clientId":"local-dev",
                 "state":"GATHERING_INFO","turns":0,"pending":[],"transcript":[]}""".formatted(conversationId))));
        return conversationId;
    }

    private static ResponseEntity<String> post(GatewayInstance gateway, String conversationId, String messageId,
            String text, String prefer) {
        var request = gateway.http().post().uri("/api/v1/conversations/{id}/messages", conversationId)
                .header("X-Api-Key", KEY).contentType(MediaType.APPLICATION_JSON)
                .body("{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}");
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        return request.retrieve().toEntity(String.class);
    }

    private record Result(String conversationId, String messageId, ResponseEntity<String> response) {
    }
}
