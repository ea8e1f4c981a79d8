package com.rxflow.gateway;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientEventType;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.serde.AvroDeserializer;
import com.rxflow.schemas.serde.AvroSerializer;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Plays the conversation processor on a real broker: reads every patient event and answers each
 * new message with one final reply ("You said: ..."), written in a transaction as the real
 * processor does; a message posted again is one turn, its reply said again ({@code ANSWER_REPEATED}). A message whose text starts with {@code abort:} first gets a reply in a
 * transaction that is aborted, which no read-committed consumer may ever see.
 */
public final class FakeConversationProcessor implements AutoCloseable {

    public static final String ABORT_FIRST = "abort:";

    private final KafkaConsumer<String, PatientEvent> consumer;
    private final KafkaProducer<String, ReplyEvent> producer;
    private final String repliesTopic;
    private final Thread loop;
    private final List<ConsumerRecord<String, PatientEvent>> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, ReplyEvent> answered = new HashMap<>();

    public FakeConversationProcessor(String brokers, TopicCatalogue topics) {
        this.repliesTopic = topics.name(TopicCatalogue.ASSISTANT_REPLIES);
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new AvroDeserializer<>());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fake-conversation-processor"),
                new StringSerializer(), new AvroSerializer<>());
        producer.initTransactions();
        // assigned rather than subscribed: no group to join, so it reads from the first record at once
        String patientMessages = topics.name(TopicCatalogue.PATIENT_MESSAGES);
        List<TopicPartition> partitions = consumer.partitionsFor(patientMessages).stream()
                .map(info -> new TopicPartition(patientMessages, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.loop = new Thread(this::run, "fake-conversation-processor");
        loop.start();
    }

    /** Every patient event read so far, in the order read. */
    public List<ConsumerRecord<String, PatientEvent>> received() {
        return List.copyOf(received);
    }

    private void run() {
        try {
            while (true) {
                for (ConsumerRecord<String, PatientEvent> record : consumer.poll(Duration.ofMillis(100))) {
                    received.add(record);
                    if (record.value().getType() == PatientEventType.MESSAGE_RECEIVED) {
                        answer(record.value());
                    }
                }
            }
        } catch (WakeupException closing) {
            consumer.close();
        }
    }

    private void answer(PatientEvent event) {
        PatientMessageReceived message = event.getMessageReceived();
        String conversationId = event.getMetadata().getConversationId();
        // a message posted twice with the same id is one turn: the first answer is said again
        ReplyEvent first = answered.get(conversationId + "/" + message.getMessageId());
        if (first != null) {
            producer.beginTransaction();
            ReplyEvent again = ReplyEvents.repeated(Metadata.causedBy(event.getMetadata(), 0, "conversation-processor",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS)), message.getMessageId(), first);
            producer.send(new ProducerRecord<>(repliesTopic, conversationId, again));
            producer.commitTransaction();
            return;
        }
        if (message.getText().startsWith(ABORT_FIRST)) {
            producer.beginTransaction();
            producer.send(reply(event, 0, "aborted"));
            producer.flush();
            producer.abortTransaction();
        }
        producer.beginTransaction();
        ProducerRecord<String, ReplyEvent> reply = reply(event, sequences.merge(conversationId, 1L, Long::sum),
                "You said: " + message.getText());
        answered.put(conversationId + "/" + message.getMessageId(), reply.value());
        producer.send(reply);
        producer.commitTransaction();
    }

    private ProducerRecord<String, ReplyEvent> reply(PatientEvent cause, long sequence, String text) {
        ReplyEvent reply = ReplyEvents.reply(Metadata.causedBy(cause.getMetadata(), (int) sequence,
                "conversation-processor", Instant.now().truncatedTo(ChronoUnit.MILLIS)),
                cause.getMessageReceived().getMessageId(), sequence, text, true);
        return new ProducerRecord<>(repliesTopic, reply.getMetadata().getConversationId(), reply);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        loop.join(5_000);
        producer.close();
    }
}
