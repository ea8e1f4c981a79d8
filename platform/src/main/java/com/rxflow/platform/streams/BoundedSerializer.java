package com.rxflow.platform.streams;

import java.util.Map;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer that refuses a value larger than a limit, before the producer sees it.
 *
 * <p>Under exactly-once, a record the producer refuses as too large puts the transactional producer
 * into an error state: the task's transaction cannot commit and the stream thread dies, whatever the
 * production exception handler answers (Kafka 4.1; {@code ProductionExceptionHandlerOnBrokerTest}).
 * A value refused while it is serialized never reaches the producer, so Kafka Streams hands it to
 * the production exception handler's serialization path instead
 * ({@link DeadLetterProductionExceptionHandler} dead-letters it) and the transaction goes on.
 */
public final class BoundedSerializer<T> implements Serializer<T> {

    /**
     * Values up to this size pass: below the producer's default {@code max.request.size} (1 MiB),
     * leaving room for the key, the headers and the batch's own overhead.
     */
    public static final int DEFAULT_MAX_VALUE_BYTES = 1_000_000;

    private final Serializer<T> delegate;
    private final int maxBytes;

    public BoundedSerializer(Serializer<T> delegate, int maxBytes) {
        this.delegate = delegate;
        this.maxBytes = maxBytes;
    }

    /** With {@link #DEFAULT_MAX_VALUE_BYTES}. */
    public static <T> BoundedSerializer<T> of(Serializer<T> delegate) {
        return new BoundedSerializer<>(delegate, DEFAULT_MAX_VALUE_BYTES);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        delegate.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return bounded(topic, delegate.serialize(topic, data));
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        return bounded(topic, delegate.serialize(topic, headers, data));
    }

    private byte[] bounded(String topic, byte[] bytes) {
        if (bytes != null && bytes.length > maxBytes) {
            throw new SerializationException("A value of " + bytes.length + " bytes for " + topic
                    + " is larger than the " + maxBytes + " bytes a record may carry");
        }
        return bytes;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
