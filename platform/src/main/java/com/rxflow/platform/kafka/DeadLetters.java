package com.rxflow.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterRecordManager;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import com.rxflow.schemas.avro.AvroDecodingException;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * A service's dead-letter topic and the recoverer that writes to it.
 *
 * <p>spring-kafka's {@link DeadLetterPublishingRecoverer} adds the headers (exception class and
 * message, original topic, partition, offset and timestamp). An unreadable record is published
 * byte for byte; a readable one that failed later is re-encoded with the configured value
 * serializer. The recoverer's producer is its own and not transactional: it serves the spring-kafka
 * listeners, whose after-rollback processor publishes a dead letter once the transaction was rolled
 * back.
 *
 * <p>The Kafka Streams exception handlers do not publish: they ask {@link #letterOf} for the dead
 * letter, with the same headers, and hand it back to Kafka Streams, which writes it with the task's
 * producer, inside the task's exactly-once transaction (KIP-1034): a task that aborts takes its dead
 * letters with it, and the retry writes them again, once.
 */
public final class DeadLetters implements DisposableBean {

    /** Configuration key under which the service's dead letters reach the Kafka Streams exception handlers. */
    public static final String CONFIG = "rxflow.streams.dead-letters";

    private final String topic;
    private final DefaultKafkaProducerFactory<Object, Object> producers;
    private final DeadLetterPublishingRecoverer recoverer;
    private final DeadLetterRecordManager letters = new DeadLetterRecordManager();

    @SuppressWarnings({"unchecked", "rawtypes"})
    public DeadLetters(String topic, Map<String, Object> producerConfig, SerdeSettings serdes) {
        this.topic = topic;
        Map<String, Object> config = new java.util.HashMap<>(producerConfig);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        Serializer keys = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(), String.class, new StringSerializer()), true);
        Serializer values = new DelegatingByTypeSerializer(Map.of(
                byte[].class, new ByteArraySerializer(),
                SpecificRecord.class, serdes.valueSerde().serializer()), true);
        this.producers = new DefaultKafkaProducerFactory<>(config, () -> keys, () -> values);
        this.recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, exception) -> new TopicPartition(topic, -1));
        // spring-kafka's message header names the wrapper ("failed to deserialize", "listener
        // failed"); operators need the cause, so it gets a header of its own
        recoverer.addHeadersFunction(DeadLetters::reasonHeaders);
        letters.setHeadersFunction(DeadLetters::reasonHeaders);
    }

    private static Headers reasonHeaders(ConsumerRecord<?, ?> record, Exception exception) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_HEADER, rootCauseMessage(exception).getBytes(StandardCharsets.UTF_8));
        typedReason(exception).ifPresent(reason ->
                headers.add(REASON_CODE_HEADER, reason.name().getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /**
     * The dead letter of a record, for the caller to write: to this dead-letter topic, its key and
     * value byte for byte, its headers and the same dead-letter headers the {@link #recoverer()} adds
     * (original topic, partition, offset and timestamp, exception, reason and typed reason).
     */
    public ProducerRecord<byte[], byte[]> letterOf(ConsumerRecord<byte[], byte[]> failed, Exception exception) {
        return letters.enrichHeadersAndCreateProducerRecord(failed, exception, new TopicPartition(topic, -1));
    }

    /** Header with the typed reason ({@link TypedFailure}) of a dead letter, when the failure has one. */
    public static final String REASON_CODE_HEADER = "rxflow-dlt-reason-code";

    /**
     * The typed reason of the first {@link TypedFailure} or unreadable record ({@link AvroDecodingException},
     * for example {@code UNKNOWN_WRITER_SCHEMA}) in the exception's cause chain, if any.
     */
    public static Optional<Enum<?>> typedReason(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TypedFailure typed) {
                return Optional.of(typed.reason());
            }
            if (cause instanceof AvroDecodingException unreadable && unreadable.reason() != null) {
                return Optional.of(unreadable.reason());
            }
        }
        return Optional.empty();
    }

    /** Header with the innermost cause's message: why the record could not be read or processed. */
    public static final String REASON_HEADER = "rxflow-dlt-reason";

    public static String rootCauseMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /**
     * The service's dead letters, from a Kafka Streams exception handler's configuration (under
     * {@link #CONFIG}); a handler configured without them refuses to start.
     */
    public static DeadLetters configuredBy(Map<String, ?> configs) {
        return (DeadLetters) Optional.ofNullable(configs.get(CONFIG))
                .orElseThrow(() -> new IllegalStateException(CONFIG + " is not configured"));
    }

    public String topic() {
        return topic;
    }

    public DeadLetterPublishingRecoverer recoverer() {
        return recoverer;
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
