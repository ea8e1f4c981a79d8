package com.rxflow.platform.streams;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rxflow.platform.kafka.DeadLetters;

/**
 * When a record read by Kafka Streams cannot be deserialized, dead-letters it byte for byte with the
 * reason and lets the stream go on. Like {@link DeadLetterProcessingExceptionHandler}, it hands the
 * dead letter back to Kafka Streams, which writes it in the task's transaction. Configured with the
 * service's {@link DeadLetters} under {@link DeadLetters#CONFIG}.
 */
public class DeadLetterDeserializationExceptionHandler implements DeserializationExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationExceptionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.configuredBy(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        log.warn("Could not read {}-{}@{}; dead-lettering it: {}", record.topic(), record.partition(),
                record.offset(), exception.toString());
        return Response.resume(List.of(deadLetters.letterOf(record, exception)));
    }
}
