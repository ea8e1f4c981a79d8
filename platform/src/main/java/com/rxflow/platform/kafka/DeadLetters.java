package com.rxflow.platform.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

import com.rxflow.schemas.avro.AvroDecodingException;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * A service's dead-letter topic and the recoverer that writes to it.
 *
 * <p>spring-kafka's {@link DeadLetterPublishingRecoverer} adds the headers (exception class and
 * message, original topic, partition, offset and timestamp). An unreadable record is published
 * byte for byte; a readable one that failed later is re-encoded with the configured value
 * serializer. The producer is its own and not transactional, so the same recoverer serves
 * spring-kafka listeners and the Kafka Streams exception handlers.
 */
public final class DeadLetters implements DisposableBean {

    private final String topic;
    private final DefaultKafkaProducerFactory<Object, Object> producers;
    private final DeadLetterPublishingRecoverer recoverer;

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
        recoverer.addHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, rootCauseMessage(exception).getBytes(StandardCharsets.UTF_8));
            typedReason(exception).ifPresent(reason ->
                    headers.add(REASON_CODE_HEADER, reason.name().getBytes(StandardCharsets.UTF_8)));
            return headers;
        });
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
