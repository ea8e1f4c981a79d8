package com.rxflow.escalation;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.escalation.stream.MisroutedCommandException;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * escalation-service as it runs, on a real broker: commands in, case events and dead letters out.
 * (spring-kafka 4 has no {@code kraft} attribute: its embedded broker is always KRaft.)
 */
@EscalationServiceTest
class EscalationServiceIntegrationTest {

    private static final Duration HIGH_SLA = Duration.ofMinutes(30);

    private final Topic<String, EscalationCommand> commands;
    private final Topic<String, EscalationEvent> events;
    private final String deadLetterTopic;
    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicReader<EscalationEvent> eventReader;
    private final TopicReader<byte[]> deadLetterReader;
    private final HealthEndpoint health;

    @Autowired
    EscalationServiceIntegrationTest(TopicCatalogue catalogue, EmbeddedKafkaBroker broker, HealthEndpoint health) {
        this.health = health;
        this.commands = catalogue.topic(TopicCatalogue.ESCALATION_COMMANDS);
        this.events = catalogue.topic(TopicCatalogue.ESCALATION_EVENTS);
        this.deadLetterTopic = catalogue.deadLetter("escalation-service").name();
        this.broker = broker;
        this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        this.eventReader = new TopicReader<>(broker, events.name(), events.valueSerde().deserializer());
        this.deadLetterReader = new TopicReader<>(broker, deadLetterTopic, new ByteArrayDeserializer());
    }

    @AfterEach
    void close() {
        producer.close();
        eventReader.close();
        deadLetterReader.close();
    }

    @Test
    void theServiceIsReadyOnceItsStreamRuns() {
        HealthDescriptor readiness = await().atMost(Duration.ofSeconds(30))
                .until(() -> health.healthForPath("readiness"), descriptor -> descriptor.getStatus() == Status.UP);

        assertThat(((CompositeHealthDescriptor) readiness).getComponents()).containsKey("kafkaStreams");
    }

    @Test
    void anEscalationOpensACaseAndPublishesItDueAfterItsSla() {
        EscalationCommand command = anEscalation().conversation("conv-open").escalationId("esc-open").build();

        send("conv-open", encode(command));

        ConsumerRecord<String, EscalationEvent> opened = eventReader.awaitFirst(
                record -> record.key().equals("conv-open"));
        assertThat(opened.value().getType()).isEqualTo(EscalationEventType.ESCALATION_OPENED);
        assertThat(opened.value().getOpened().getEscalationId()).isEqualTo("esc-open");
        assertThat(opened.value().getMetadata().getCausationId()).isEqualTo(command.getMetadata().getEventId());
        assertThat(opened.value().getOpened().getSlaDueAt())
                .isEqualTo(opened.value().getMetadata().getOccurredAt().plus(HIGH_SLA));
    }

    @Test
    void anUnreadableCommandGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        byte[] poison = "definitely not avro".getBytes(StandardCharsets.UTF_8);

        // same key, so same partition: the good command queues behind the poison one
        send("conv-poison", poison);
        send("conv-poison", encode(anEscalation().conversation("conv-poison").escalationId("esc-after-poison").build()));

        ConsumerRecord<String, byte[]> dead = deadLetterReader.awaitFirst(record -> record.key().equals("conv-poison"));
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(commands.name());
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("not readable");
        assertThat(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)).isNotNull();
        assertThat(eventReader.awaitFirst(record -> record.key().equals("conv-poison")).value().getOpened()
                .getEscalationId()).isEqualTo("esc-after-poison");
    }

    @Test
    void aCommandKeyedByAnotherConversationGoesToTheDeadLetterTopicAndTheNextOneIsProcessed() {
        send("conv-keyed", encode(anEscalation().conversation("conv-elsewhere").escalationId("esc-misrouted").build()));
        send("conv-keyed", encode(anEscalation().conversation("conv-keyed").escalationId("esc-keyed").build()));

        ConsumerRecord<String, byte[]> dead = deadLetterReader.awaitFirst(record -> record.key().equals("conv-keyed"));
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(commands.name());
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE))
                .contains("belongs to conversation conv-elsewhere but is keyed by conv-keyed");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(MisroutedCommandException.class.getName());
        assertThat(eventReader.awaitFirst(record -> record.key().equals("conv-keyed")).value().getOpened()
                .getEscalationId()).isEqualTo("esc-keyed");
        assertThat(eventReader.records()).noneMatch(record -> record.value().getOpened() != null
                && record.value().getOpened().getEscalationId().equals("esc-misrouted"));
    }

    private void send(String key, byte[] value) {
        producer.send(new ProducerRecord<>(commands.name(), key, value));
        producer.flush();
    }

    private byte[] encode(EscalationCommand command) {
        return commands.valueSerde().serializer().serialize(commands.name(), command);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
