package com.rxflow.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.gateway.ReplyEvents;
import com.rxflow.gateway.SseClient;
import com.rxflow.gateway.TestIdentity;
import com.rxflow.gateway.auth.ChannelClients;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * One client holds a stream open and stops reading while its conversation gets more replies than
 * the sockets between them can buffer. The reply listener, which serves every patient of the
 * instance, must not wait for that client: another patient's replies keep arriving at once, and the
 * slow client is dropped (it would resume with Last-Event-ID). (When the listener wrote to the streams
 * itself, it hung in the slow client's write until Tomcat gave up on it, about 60 s here, and the
 * other patient's first replies did not arrive within 10 s.) And the per-conversation cap on the
 * wire: one stream too many is a 429 problem.
 */
@EmbeddedKafka(partitions = 3,
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        // nothing here asks the processor: the conversations are opened through this gateway
        "rxflow.gateway.processor-url=http://localhost:9"})
@ActiveProfiles("local")
class SlowReaderOnBrokerTest {

    /** Far more than the kernel buffers of one connection on loopback (4 MiB send buffer at most here). */
    private static final int FLOOD_REPLIES = 2_500;
    private static final String LONG_TEXT = "x".repeat(2_500);

    @LocalServerPort
    private int port;
    @Autowired
    private EmbeddedKafkaBroker broker;
    @Autowired
    private TopicCatalogue topics;
    @Autowired
    private ConversationStreams streams;

    private RestClient http;
    private KafkaProducer<String, byte[]> replies;
    private Socket stuck;

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        TestIdentity.registerLocalClients(registry);
    }

    @BeforeEach
    void connect() {
        http = RestClient.builder().baseUrl(baseUrl()).defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        replies = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get().uri("/actuator/health/readiness").retrieve()
                .toBodilessEntity().getStatusCode() == HttpStatus.OK);
    }

    @AfterEach
    void disconnect() throws Exception {
        replies.close();
        if (stuck != null) {
            stuck.close();
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAndAnotherPatientsRepliesStillArriveAtOnce() throws Exception {
        String slow = open("P100");
        String other = open("P100");
        stuck = streamWithoutReading(slow);
        await().atMost(Duration.ofSeconds(10)).until(() -> streams.openStreams(slow) == 1);

        try (SseClient reader = SseClient.open(baseUrl(), other, ChannelClients.DEVELOPMENT_KEY, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !reader.events("ready").isEmpty());

            for (int sequence = 1; sequence <= FLOOD_REPLIES; sequence++) {
                publish(slow, "m-" + sequence, sequence, LONG_TEXT);
            }
            replies.flush();

            // while the listener works through the flood: the other patient's replies, one at a time
            List<Long> latencies = new ArrayList<>();
            for (int sequence = 1; sequence <= 20; sequence++) {
                long sent = System.nanoTime();
                publish(other, "n-" + sequence, sequence, "reply " + sequence);
                replies.flush();
                int expected = sequence;
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                        .until(() -> reader.events("reply").size() == expected);
                latencies.add((System.nanoTime() - sent) / 1_000_000);
            }
            await("the client that does not read is dropped").atMost(Duration.ofSeconds(10))
                    .until(() -> streams.openStreams(slow) == 0);

            assertThat(reader.events("reply")).extracting(event -> JsonPath.<String>read(event.data(), "$.text"))
                    .endsWith("reply 20");
            latencies.sort(Long::compare);
            assertThat(latencies.get(latencies.size() - 1)).as("the slowest of 20 replies to the other patient, ms "
                    + latencies).isLessThan(1_000);
        }
    }

    @Test
    void oneStreamMoreThanAConversationMayHaveIsATooManyRequestsProblem() throws Exception {
        String conversationId = open("P100");
        List<SseClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SseClient stream = SseClient.open(baseUrl(), conversationId, ChannelClients.DEVELOPMENT_KEY, null);
                held.add(stream);
                await().atMost(Duration.ofSeconds(10)).until(() -> !stream.events("ready").isEmpty());
            }

            ResponseEntity<String> refused = http.get().uri("/api/v1/conversations/{id}/stream", conversationId)
                    .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY).accept(MediaType.TEXT_EVENT_STREAM)
                    .retrieve().toEntity(String.class);

            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
            assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(JsonPath.<String>read(refused.getBody(), "$.type"))
                    .isEqualTo("https://rxflow.dev/problems/rate-limited");
        } finally {
            for (SseClient stream : held) {
                stream.close();
            }
        }
    }

    /** Opens a stream on a socket whose receive buffer is small, and never reads from it. */
    private Socket streamWithoutReading(String conversationId) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress("localhost", port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/conversations/" + conversationId + "/stream HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Accept: text/event-stream\r\n"
                + "X-Api-Key: " + ChannelClients.DEVELOPMENT_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private void publish(String conversationId, String inReplyTo, long sequence, String text) {
        ReplyEvent reply = ReplyEvents.reply(Metadata.start(conversationId, "P100", inReplyTo,
                "conversation-processor", Instant.now().truncatedTo(ChronoUnit.MILLIS)), inReplyTo, sequence, text,
                true);
        replies.send(new ProducerRecord<>(topics.name(TopicCatalogue.ASSISTANT_REPLIES), conversationId,
                AvroCodec.shared().encode(reply)));
    }

    private String open(String patientId) {
        ResponseEntity<String> opened = http.post().uri("/api/v1/conversations")
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY)
                .header("X-Patient-Assertion", TestIdentity.assertion("local-dev", patientId))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return JsonPath.read(opened.getBody(), "$.conversationId");
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}
