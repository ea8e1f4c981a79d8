package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;

import com.rxflow.platform.streams.TimerGuard;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * A poison timer on a real broker under exactly-once: planted in the timer index's changelog
 * while the processor is stopped, it comes back with the task when the processor starts again, as
 * it would on the instance that takes a partition over. It is dead-lettered once and the stream
 * thread that fired it keeps running. Liveness stays up while the client runs and turns down once
 * the client has stopped for good.
 */
@SpringBootTest(classes = ConversationProcessorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=conversation-processor",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "rxflow.streams.state-dir=target/streams-it/${random.uuid}",
                "rxflow.service-key=poison-timer-test-service-key-0123456789"})
@EmbeddedKafka(partitions = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class PoisonTimerOnBrokerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DLT = TopicCatalogue.defaults().deadLetter(ConversationProcessorApplication.NAME).name();

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    StreamsBuilderFactoryBean streams;
    @LocalServerPort
    int port;

    private KafkaConsumer<String, byte[]> deadLetters;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeAll
    void connect() {
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        deadLetters = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters.subscribe(List.of(DLT));
        awaitRunning();
    }

    @AfterAll
    void disconnect() {
        deadLetters.close();
    }

    @Test
    @Order(1)
    void aPoisonTimerThatComesBackWithItsTaskIsDeadLetteredOnceAndTheStreamThreadKeepsRunning() throws Exception {
        String poison = String.format("%013d|unreadable-on-broker", Instant.now().minusSeconds(1).toEpochMilli());
        streams.stop();
        plantInTimerChangelog(poison, "conv-poison");
        streams.start();
        awaitRunning();
        Set<String> threads = threadNames();

        await().atMost(Duration.ofSeconds(30)).until(() -> !deadLettersOf(poison).isEmpty());
        assertThat(text(deadLettersOf(poison).get(0), TimerGuard.REASON_CODE_HEADER)).isEqualTo("TIMER_KEY_UNREADABLE");

        // several punctuations (one a second) later: the same threads run, and the timer came back to none of them
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING && threadNames().equals(threads)
                        && allThreadsRunning());
        assertThat(deadLettersOf(poison)).hasSize(1);
        assertThat(liveness().statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void livenessTurnsDownOnceTheKafkaStreamsClientHasStoppedForGood() throws Exception {
        assertThat(liveness().statusCode()).isEqualTo(200);

        streams.getKafkaStreams().close(Duration.ofSeconds(30));

        HttpResponse<String> down = liveness();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("DOWN");
    }

    private void plantInTimerChangelog(String key, String conversationId) throws Exception {
        String changelog = streams.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG) + "-"
                + ConversationTopology.TIMERS_STORE + "-changelog";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(changelog, 0, key, conversationId)).get();
        }
    }

    private List<ConsumerRecord<String, byte[]>> deadLettersOf(String key) {
        deadLetters.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    private void awaitRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    private Set<String> threadNames() {
        return streams.getKafkaStreams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    private boolean allThreadsRunning() {
        return streams.getKafkaStreams().metadataForLocalThreads().stream()
                .allMatch(thread -> "RUNNING".equals(thread.threadState()));
    }

    private HttpResponse<String> liveness() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(ConsumerRecord<String, byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }
}
