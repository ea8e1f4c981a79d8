package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.testing.BrokerProbes;
import com.rxflow.platform.validation.InputViolation;
import com.rxflow.platform.validation.MessageLength;
import com.rxflow.processor.ConversationProcessorApplication;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * A channel that speaks Kafka writes the patient messages topic itself. What it writes is checked
 * with the gateway's rules: on one partition, under exactly-once, records that break them are
 * dead-lettered once each with their typed violation, while the valid records written before,
 * between and after them are all processed and the stream threads keep running.
 */
@SpringBootTest(classes = ConversationProcessorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.config.name=conversation-processor",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "rxflow.streams.state-dir=target/streams-it/${random.uuid}",
                "rxflow.service-key=channel-input-test-service-key-0123456789"})
@EmbeddedKafka(partitions = 1, brokerProperties = {
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelInputOnBrokerTest {

    private static final TopicCatalogue TOPICS = TopicCatalogue.defaults();
    private static final String DLT = TOPICS.deadLetter(ConversationProcessorApplication.NAME).name();
    private static final String PATIENT = "patient_002";

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    StreamsBuilderFactoryBean streams;

    private KafkaProducer<String, byte[]> producer;
    private KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeAll
    void connect() {
        producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new ByteArraySerializer());
        Map<String, Object> props = BrokerProbes.readCommittedConsumer(broker);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPICS.name(TopicCatalogue.TOOL_COMMANDS), DLT));
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.getKafkaStreams() != null
                && streams.getKafkaStreams().state() == KafkaStreams.State.RUNNING);
    }

    @AfterAll
    void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void recordsThatBreakTheGatewaysRulesAreDeadLetteredWithTheirViolationAndEveryValidRecordAroundThemIsProcessed() {
        Set<String> threads = threadNames();
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, InputViolation> invalid = new LinkedHashMap<>();
        List<String> valid = new ArrayList<>();

        valid.add(sendValid("sms-" + run + "-0"));
        invalid.put(send("sms-" + run + "-long", "m-1", "x".repeat(MessageLength.MAX + 1)),
                InputViolation.MESSAGE_TOO_LONG);
        valid.add(sendValid("sms-" + run + "-1"));
        invalid.put(send("sms-" + run + "-escape", "m-1", "refill please\u001b]0;pwned\u0007"),
                InputViolation.CONTROL_CHARACTERS);
        invalid.put(send("sms-" + run + "|1|INACTIVITY|idle", "m-1", "hello"), InputViolation.UNSAFE_ID);
        valid.add(sendValid("sms-" + run + "-2"));
        invalid.put(send("sms-" + run + "#3", "m-1", "hello"), InputViolation.UNSAFE_ID);
        invalid.put(send("sms-" + run + "-msgid", "m#1", "hello"), InputViolation.UNSAFE_ID);
        valid.add(sendValid("sms-" + run + "-3"));

        for (String conversation : valid) {
            awaitRecord(TOPICS.name(TopicCatalogue.TOOL_COMMANDS), conversation);
        }
        for (Map.Entry<String, InputViolation> refused : invalid.entrySet()) {
            ConsumerRecord<String, byte[]> dead = awaitRecord(DLT, refused.getKey());
            assertThat(header(dead, DeadLetters.REASON_CODE_HEADER)).as(refused.getKey())
                    .isEqualTo(refused.getValue().name());
            assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC))
                    .isEqualTo(TOPICS.name(TopicCatalogue.PATIENT_MESSAGES));
            assertThat(AvroCodec.shared().decode(dead.value(), PatientEvent.class).getMetadata().getConversationId())
                    .isEqualTo(refused.getKey());
        }
        // a little later: each refused record was dead-lettered once, none reached the workflow,
        // and the same stream threads still run
        drain(Duration.ofSeconds(3));
        for (String key : invalid.keySet()) {
            assertThat(seen.stream().filter(r -> key.equals(r.key())).map(ConsumerRecord::topic).toList())
                    .as(key).containsExactly(DLT);
        }
        assertThat(streams.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(threadNames()).isEqualTo(threads);
    }

    private String sendValid(String conversation) {
        return send(conversation, "sms-1", "Which medications am I on?\nThanks");
    }

    private String send(String conversation, String messageId, String text) {
        PatientEvent event = Inputs.message(conversation, PATIENT, messageId, text);
        producer.send(new ProducerRecord<>(TOPICS.name(TopicCatalogue.PATIENT_MESSAGES), conversation,
                AvroCodec.shared().encode(event)));
        producer.flush();
        return conversation;
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return seen.stream().anyMatch(r -> r.topic().equals(topic) && key.equals(r.key()));
        });
        return seen.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).findFirst().orElseThrow();
    }

    private void drain(Duration during) {
        long end = System.nanoTime() + during.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
    }

    private Set<String> threadNames() {
        return streams.getKafkaStreams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toSet());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
