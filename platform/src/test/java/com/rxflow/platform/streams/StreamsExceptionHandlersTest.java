package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler.ProcessingHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/** The platform's processing and production exception handlers: what they dead-letter and what they answer. */
class StreamsExceptionHandlersTest {

    private final List<ConsumerRecord<?, ?>> published = new ArrayList<>();
    private final List<Exception> reasons = new ArrayList<>();
    private final ConsumerRecordRecoverer recoverer = (record, exception) -> {
        published.add(record);
        reasons.add(exception);
    };

    @Test
    void aFailedPunctuationHasNoTopicAndIsDeadLetteredUnderItsTaskAndNodeInsteadOfKillingTheThread() {
        DeadLetterProcessingExceptionHandler handler = new DeadLetterProcessingExceptionHandler();
        handler.configure(Map.of(DeadLetterProcessingExceptionHandler.RECOVERER, recoverer));
        ErrorHandlerContext punctuation = context(null, -1, -1L, "conversation-workflow");

        ProcessingHandlerResponse response = handler.handle(punctuation, null, new IllegalStateException("boom"));

        assertThat(response).isEqualTo(ProcessingHandlerResponse.CONTINUE);
        assertThat(published).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("punctuation:0_2/conversation-workflow");
            assertThat(dead.key()).isNull();
            assertThat(dead.value()).isNull();
        });
    }

    @Test
    void aRecordTooLargeToWriteIsDeadLetteredWithoutItsValueButWithItsSizeAndTheStreamGoesOn() {
        DeadLetterProductionExceptionHandler handler = productionHandler();
        byte[] huge = new byte[2_000_000];
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("rxflow.assistant-replies", 1, 5L,
                bytes("conv-1"), huge, new RecordHeaders().add("traceparent", bytes("00-abc")));

        ProductionExceptionHandlerResponse response = handler.handle(context("rxflow.patient-messages", 1, 42L, "sink"),
                record, new RecordTooLargeException("The message is 2000088 bytes"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(published).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).as("the topic it was meant for").isEqualTo("rxflow.assistant-replies");
            assertThat(dead.partition()).isEqualTo(1);
            assertThat((byte[]) dead.key()).isEqualTo(bytes("conv-1"));
            assertThat(dead.value()).isNull();
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(DeadLetterProductionExceptionHandler.VALUE_SIZE_HEADER)
                    .value()).getInt()).isEqualTo(2_000_000);
            assertThat(dead.headers().lastHeader("traceparent")).isNotNull();
        });
        assertThat(reasons).singleElement().isInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void aRecordThatCannotBeSerializedIsDeadLetteredWithItsKeyAndTheStreamGoesOn() {
        DeadLetterProductionExceptionHandler handler = productionHandler();
        ProducerRecord<String, Object> record = new ProducerRecord<>("rxflow.tool-commands", "conv-1", new Object());

        ProductionExceptionHandlerResponse response = handler.handleSerializationException(
                context("rxflow.patient-messages", 0, 7L, "sink"), record, new SerializationException("no schema"),
                SerializationExceptionOrigin.VALUE);

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.CONTINUE);
        assertThat(published).singleElement().satisfies(dead -> {
            assertThat((byte[]) dead.key()).isEqualTo(bytes("conv-1"));
            assertThat(dead.value()).isNull();
        });
    }

    @Test
    void whenTheDeadLetterCannotBeWrittenEitherTheHandlerFailsRatherThanDropTheRecord() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(Map.of(DeadLetterProcessingExceptionHandler.RECOVERER, (ConsumerRecordRecoverer) (r, e) -> {
            throw new IllegalStateException("dead-letter topic unavailable");
        }));

        ProductionExceptionHandlerResponse response = handler.handle(context("in", 0, 1L, "sink"),
                new ProducerRecord<>("out", bytes("k"), bytes("v")), new RecordTooLargeException("too large"));

        assertThat(response).isEqualTo(ProductionExceptionHandlerResponse.FAIL);
    }

    private DeadLetterProductionExceptionHandler productionHandler() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(Map.of(DeadLetterProcessingExceptionHandler.RECOVERER, recoverer));
        return handler;
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset, String node) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return partition; }
            @Override public long offset() { return offset; }
            @Override public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return node; }
            @Override public TaskId taskId() { return new TaskId(0, 2); }
            @Override public long timestamp() { return -1L; }
            @Override public byte[] sourceRawKey() { return null; }
            @Override public byte[] sourceRawValue() { return null; }
        };
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
