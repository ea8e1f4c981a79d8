package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.web.client.RestClient;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.platform.logging.Pseudonyms;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;

/** The Spring-wired processor on a real broker: the path of a turn, interactive queries and dead letters. */
@SpringBootTest(classes = ConversationProcessorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=conversation-processor",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "rxflow.streams.state-dir=target/streams-it/${random.uuid}",
                "rxflow.service-key=" + ConversationProcessorIntegrationTest.SERVICE_KEY})
@EmbeddedKafka(partitions = 3, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationProcessorIntegrationTest {

    static final String SERVICE_KEY = "processor-test-service-key-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final String DLT = TOPICS.deadLetter(ConversationProcessorApplication.NAME).name();
    private static final byte[] POISON = "not avro".getBytes(StandardCharsets.UTF_8);

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    StreamsBuilderFactoryBean streams;
    @Autowired
    Pseudonyms pseudonyms;
    @LocalServerPort
    int port;

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeAll
    void connect() {
        producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(), new ByteArraySerializer());
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPICS.name(TopicCatalogue.TOOL_COMMANDS),
                TOPICS.name(TopicCatalogue.ESCALATION_COMMANDS), TOPICS.name(TopicCatalogue.ASSISTANT_REPLIES), DLT,
                TOPICS.name(TopicCatalogue.AUDIT_ACCESS)));
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void aTurnTravelsThroughTheToolsAndIsQueryableAfterwards() {
        String conversation = UUID.randomUUID().toString();
        send(conversation, Inputs.opened(conversation, "patient_001"));
        send(conversation, Inputs.message(conversation, "patient_001", "m-1", "what am I taking?"));

        ToolCommand command = awaitHistoryCommand(conversation);
        send(conversation, Inputs.completed(command, "John", "lisinopril"));

        ReplyEvent reply = decode(awaitRecord(TOPICS.name(TopicCatalogue.ASSISTANT_REPLIES), conversation,
                r -> "m-1".equals(decode(r, ReplyEvent.class).getReplied().getInReplyTo())), ReplyEvent.class);
        assertThat(reply.getReplied().getInReplyTo()).isEqualTo("m-1");
        assertThat(reply.getReplied().getText()).contains("Lisinopril");

        Map<String, Object> view = RestClient.create().get().uri("http://localhost:{port}/internal/conversations/{id}", port, conversation)
                .header(ServiceKey.HEADER, SERVICE_KEY).retrieve().body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(view).containsEntry("state", "COMPLETED").containsEntry("patientId", "patient_001")
                .containsEntry("turns", 1);
        PatientDataAccessed read = decode(awaitRecord(TOPICS.name(TopicCatalogue.AUDIT_ACCESS),
                pseudonyms.of("patient_001"), r -> decode(r, PatientDataAccessed.class).getPurpose().getId()
                        .equals(conversation)), PatientDataAccessed.class);
        assertThat(read.getAction()).isEqualTo(AuditAction.CONVERSATION_READ);
        assertThat(read.getActor().getId()).isEqualTo("internal");
        assertThat(read.getService()).isEqualTo("conversation-processor");
    }

    @Test
    void theQueryApiRefusesACallWithoutTheServiceKeyOrWithAnotherKey() throws Exception {
        HttpResponse<String> anonymous = call("GET", "/internal/conversations/anyone", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).get().asString()
                .startsWith("application/problem+json");
        assertThat(anonymous.body()).contains("\"status\":401").doesNotContain("patient");

        assertThat(call("GET", "/internal/conversations/anyone", SERVICE_KEY + "x").statusCode()).isEqualTo(401);
        assertThat(call("GET", "/internal/conversations/" + UUID.randomUUID(), SERVICE_KEY).statusCode())
                .as("with the key: not found, not refused").isEqualTo(404);
    }

    @Test
    void refreshingTheFeatureFlagsNeedsTheServiceKeyWhileReadingThemDoesNot() throws Exception {
        assertThat(call("POST", "/actuator/features/refresh", null).statusCode()).isEqualTo(401);
        assertThat(call("POST", "/actuator/features/refresh", SERVICE_KEY).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/features", null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header(ServiceKey.HEADER, key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnreadablePatientMessageIsDeadLetteredAndTheNextOneIsProcessed() {
        String conversation = UUID.randomUUID().toString();
        poison(TopicCatalogue.PATIENT_MESSAGES, conversation);
        send(conversation, Inputs.message(conversation, "patient_001", "m-1", "hello"));

        awaitDeadLetter(TopicCatalogue.PATIENT_MESSAGES, conversation);
        awaitRecord(TOPICS.name(TopicCatalogue.TOOL_COMMANDS), conversation);
    }

    @Test
    void anUnreadableToolResultIsDeadLetteredAndTheNextOneIsProcessed() {
        String conversation = UUID.randomUUID().toString();
        send(conversation, Inputs.message(conversation, "patient_001", "m-1", "what do I take?"));
        ToolCommand command = awaitHistoryCommand(conversation);

        poison(TopicCatalogue.TOOL_RESULTS, conversation);
        send(conversation, Inputs.completed(command, "John", "lisinopril"));

        awaitDeadLetter(TopicCatalogue.TOOL_RESULTS, conversation);
        awaitRecord(TOPICS.name(TopicCatalogue.ASSISTANT_REPLIES), conversation,
                r -> "m-1".equals(decode(r, ReplyEvent.class).getReplied().getInReplyTo()));
    }

    @Test
    void anUnreadableEscalationEventIsDeadLetteredAndTheNextOneIsProcessed() {
        String conversation = UUID.randomUUID().toString();
        send(conversation, Inputs.message(conversation, "patient_001", "m-1", "I need a pharmacist"));
        EscalationCommand command = decode(awaitRecord(TOPICS.name(TopicCatalogue.ESCALATION_COMMANDS), conversation),
                EscalationCommand.class);

        poison(TopicCatalogue.ESCALATION_EVENTS, conversation);
        send(conversation, Inputs.escalationOpened(command));

        awaitDeadLetter(TopicCatalogue.ESCALATION_EVENTS, conversation);
        awaitRecord(TOPICS.name(TopicCatalogue.ASSISTANT_REPLIES), conversation);
    }

    private void poison(TopicSpec<?> spec, String key) {
        producer.send(new ProducerRecord<>(TOPICS.name(spec), key, POISON));
    }

    private void awaitDeadLetter(TopicSpec<?> from, String key) {
        ConsumerRecord<String, byte[]> dead = awaitRecord(DLT, key);
        assertThat(dead.value()).isEqualTo(POISON);
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(TOPICS.name(from));
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("not readable");
    }

    @Test
    void aRecordFiledUnderAnotherConversationIsDeadLetteredAndTheNextOneIsProcessed() {
        String conversation = UUID.randomUUID().toString();
        PatientEvent misfiled = Inputs.message("someone-else", "patient_001", "m-1", "hello");
        send(conversation, misfiled);
        send(conversation, Inputs.message(conversation, "patient_001", "m-2", "hello"));

        ConsumerRecord<String, byte[]> dead = awaitRecord(DLT, conversation);
        assertThat(decode(dead, PatientEvent.class)).isEqualTo(misfiled);
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("differs from its conversation id");
        awaitRecord(TOPICS.name(TopicCatalogue.TOOL_COMMANDS), conversation);
    }

    private void send(String key, org.apache.avro.specific.SpecificRecord value) {
        String topic = switch (value.getClass().getSimpleName()) {
            case "PatientEvent" -> TOPICS.name(TopicCatalogue.PATIENT_MESSAGES);
            case "ToolResult" -> TOPICS.name(TopicCatalogue.TOOL_RESULTS);
            default -> TOPICS.name(TopicCatalogue.ESCALATION_EVENTS);
        };
        producer.send(new ProducerRecord<>(topic, key, AvroCodec.shared().encode(value)));
        producer.flush();
    }

    /** The medication_history call of a turn (a conversation's first call asks for the patient's profile). */
    private ToolCommand awaitHistoryCommand(String conversation) {
        return decode(awaitRecord(TOPICS.name(TopicCatalogue.TOOL_COMMANDS), conversation,
                r -> decode(r, ToolCommand.class).getInvokeTool().getTool().equals("medication_history")),
                ToolCommand.class);
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        return awaitRecord(topic, key, r -> true);
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key,
            Predicate<ConsumerRecord<String, byte[]>> matching) {
        Predicate<ConsumerRecord<String, byte[]>> wanted = r -> r.topic().equals(topic) && key.equals(r.key())
                && matching.test(r);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return seen.stream().anyMatch(wanted);
        });
        return seen.stream().filter(wanted).findFirst().orElseThrow();
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T decode(ConsumerRecord<String, byte[]> record,
            Class<T> type) {
        return AvroCodec.shared().decode(record.value(), type);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
