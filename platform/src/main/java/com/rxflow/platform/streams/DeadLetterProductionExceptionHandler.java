package com.rxflow.platform.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rxflow.platform.kafka.DeadLetters;

/**
 * When Kafka Streams cannot write an output record (too large for the broker, a value its
 * serializer refuses), dead-letters what it can of the record to the service's dead-letter topic, with
 * the reason, and lets the stream go on instead of killing the stream thread. The dead letter names
 * the topic the record was meant for as its original topic; the reason is in
 * {@code rxflow-dlt-reason} as for every dead letter.
 *
 * <p>A record too large for the broker is too large for the dead-letter topic as well: its value is
 * left out and its size is in {@value #VALUE_SIZE_HEADER}. A record that could not be serialized
 * has no bytes to publish: its dead letter carries the headers only. A record is never dropped
 * without a trace: if the dead letter cannot be made, or cannot be written, the task fails.
 *
 * <p>The dead letter is handed back to Kafka Streams, which writes it with the task's producer, in
 * the task's transaction under exactly-once (KIP-1034). A record refused by its serializer (such as
 * {@link BoundedSerializer}) is refused before the producer sees it, so the transaction goes on and
 * commits the dead letter with the rest of the task's output.
 *
 * <p>Kafka Streams asks this handler only about errors that are the record's own; a fenced producer
 * or a retriable error is handled by Streams itself. Configured with the service's {@link DeadLetters}
 * under {@link DeadLetters#CONFIG}, like the processing handler.
 */
public class DeadLetterProductionExceptionHandler implements ProductionExceptionHandler {

    /** Header with the size in bytes of a value left out of its dead letter because it was too large. */
    public static final String VALUE_SIZE_HEADER = "rxflow-dlt-value-size";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProductionExceptionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.configuredBy(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        Headers headers = copy(record.headers());
        byte[] value = record.value();
        if (exception instanceof RecordTooLargeException && value != null) {
            headers.add(VALUE_SIZE_HEADER, ByteBuffer.allocate(Integer.BYTES).putInt(value.length).array());
            value = null;
        }
        return deadLetter(context, record, record.key(), value, headers, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
            Exception exception, SerializationExceptionOrigin origin) {
        byte[] key = record.key() instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : null;
        return deadLetter(context, record, key, null, copy(record.headers()), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, ProducerRecord<?, ?> record,
            byte[] key, byte[] value, Headers headers, Exception exception) {
        log.warn("Could not write a record to {} from node {} (input {}-{}@{}); dead-lettering it: {}",
                record.topic(), context.processorNodeId(), context.topic(), context.partition(), context.offset(),
                exception.toString());
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>(record.topic(),
                record.partition() == null ? -1 : record.partition(), -1L,
                record.timestamp() == null ? -1L : record.timestamp(), TimestampType.CREATE_TIME,
                ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, headers, Optional.empty());
        return Response.resume(List.of(deadLetters.letterOf(failed, exception)));
    }

    private static Headers copy(Headers headers) {
        return new RecordHeaders(headers == null ? new Header[0] : headers.toArray());
    }
}
