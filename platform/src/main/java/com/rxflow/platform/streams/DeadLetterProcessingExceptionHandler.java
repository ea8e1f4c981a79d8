package com.rxflow.platform.streams;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rxflow.platform.kafka.DeadLetters;

/**
 * When a processor throws on a record, dead-letters the record as it was read from its source topic,
 * with the reason in headers, and lets the stream continue: one poison record must never stall a
 * partition. The dead letter is handed back to Kafka Streams, which writes it with the task's
 * producer: under exactly-once it commits or aborts with the task's transaction, so a task that
 * aborts and processes the record again never leaves two. Configured with the service's
 * {@link DeadLetters} under {@link DeadLetters#CONFIG}.
 *
 * <p>A punctuator that throws has no source record; its dead letter names the task and node
 * instead of a topic (see {@link #punctuationOf}) and carries no key or value, and the punctuation
 * is skipped until its next interval. Throwing here instead would kill the stream thread.
 */
public class DeadLetterProcessingExceptionHandler implements ProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingExceptionHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetters.configuredBy(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        // a punctuation has no source record: no topic, partition -1, offset -1, no raw key or value
        String origin = context.topic() != null ? context.topic() : punctuationOf(context);
        log.warn("Processing failed in node {} for {}-{}@{}; dead-lettering it: {}",
                context.processorNodeId(), origin, context.partition(), context.offset(), exception.toString());
        ConsumerRecord<byte[], byte[]> source = new ConsumerRecord<>(origin, context.partition(),
                context.offset(), context.timestamp(), TimestampType.CREATE_TIME, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, context.sourceRawKey(), context.sourceRawValue(), context.headers(),
                Optional.empty());
        return Response.resume(List.of(deadLetters.letterOf(source, exception)));
    }

    /**
     * What the dead letter names as its origin when a punctuation failed: the task and the node
     * whose punctuator threw (the timers' own failures never get here: {@link TimerGuard}).
     */
    static String punctuationOf(ErrorHandlerContext context) {
        return PUNCTUATION_ORIGIN + context.taskId() + "/" + context.processorNodeId();
    }

    /** The prefix of the origin a dead letter of a failed punctuation names instead of a topic. */
    public static final String PUNCTUATION_ORIGIN = "punctuation:";
}
