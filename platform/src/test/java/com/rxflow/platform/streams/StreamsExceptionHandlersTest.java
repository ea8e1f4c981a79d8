package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.kafka.TypedFailure;
import com.rxflow.schemas.serde.SerdeSettings;

/**
 * The platform's deserialization, processing and production exception handlers: the dead letters
 * they hand back to Kafka Streams (which writes them in the task's transaction) and what they answer.
 */
class StreamsExceptionHandlersTest {

    private static final String DEAD_LETTER_TOPIC = "rxflow.processor.dlt";

    private final DeadLetters deadLetters = new DeadLetters(DEAD_LETTER_TOPIC,
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"), SerdeSettings.DEFAULT);
    private final Map<String, Object> config = Map.of(DeadLetters.CONFIG, deadLetters);

    @AfterEach
    void closeDeadLetters() {
        deadLetters.destroy();
    }

    @Test
    void aRecordThatFailsProcessingIsHandedBackAsADeadLetterWithItsSourceBytesTopicAndTypedReason() {
        DeadLetterProcessingExceptionHandler handler = new DeadLetterProcessingExceptionHandler();
        handler.configure(config);
        ErrorHandlerContext source = context("rxflow.patient-messages", 3, 42L, "conversation-workflow",
                bytes("conv-1"), bytes("raw value"));

        ProcessingExceptionHandler.Response response = handler.handleError(source, null,
                new IllegalStateException("bad turn", new Typed(Reason.OUT_OF_ORDER)));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DEAD_LETTER_TOPIC);
            assertThat(dead.key()).isEqualTo(bytes("conv-1"));
            assertThat(dead.value()).isEqualTo(bytes("raw value"));
            assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("rxflow.patient-messages");
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value())
                    .getLong()).isEqualTo(42L);
            assertThat(text(dead, DeadLetters.REASON_CODE_HEADER)).isEqualTo("OUT_OF_ORDER");
            assertThat(text(dead, DeadLetters.REASON_HEADER)).startsWith("Typed");
        });
    }

    @Test
    void aFailedPunctuationHasNoTopicAndIsDeadLetteredUnderItsTaskAndNodeInsteadOfKillingTheThread() {
        DeadLetterProcessingExceptionHandler handler = new DeadLetterProcessingExceptionHandler();
        handler.configure(config);
        ErrorHandlerContext punctuation = context(null, -1, -1L, "conversation-workflow", null, null);

        ProcessingExceptionHandler.Response response = handler.handleError(punctuation, null,
                new IllegalStateException("boom"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("punctuation:0_2/conversation-workflow");
            assertThat(dead.key()).isNull();
            assertThat(dead.value()).isNull();
        });
    }

    @Test
    void aRecordThatCannotBeReadIsHandedBackAsADeadLetterByteForByte() {
        DeadLetterDeserializationExceptionHandler handler = new DeadLetterDeserializationExceptionHandler();
        handler.configure(config);
        ConsumerRecord<byte[], byte[]> unreadable = new ConsumerRecord<>("rxflow.patient-messages", 1, 9L,
                bytes("conv-2"), new byte[] {0, 1, 2});

        DeserializationExceptionHandler.Response response = handler.handleError(
                context("rxflow.patient-messages", 1, 9L, "source", null, null), unreadable,
                new SerializationException("unknown fingerprint"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DEAD_LETTER_TOPIC);
            assertThat(dead.key()).isEqualTo(bytes("conv-2"));
            assertThat(dead.value()).isEqualTo(new byte[] {0, 1, 2});
            assertThat(text(dead, DeadLetters.REASON_HEADER)).isEqualTo("SerializationException: unknown fingerprint");
        });
    }

    @Test
    void aRecordTooLargeToWriteIsDeadLetteredWithoutItsValueButWithItsSizeAndTheStreamGoesOn() {
        DeadLetterProductionExceptionHandler handler = productionHandler();
        byte[] huge = new byte[2_000_000];
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("rxflow.assistant-replies", 1, 5L,
                bytes("conv-1"), huge, new RecordHeaders().add("traceparent", bytes("00-abc")));

        ProductionExceptionHandler.Response response = handler.handleError(
                context("rxflow.patient-messages", 1, 42L, "sink", null, null), record,
                new RecordTooLargeException("The message is 2000088 bytes"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo(DEAD_LETTER_TOPIC);
            assertThat(text(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).as("the topic it was meant for")
                    .isEqualTo("rxflow.assistant-replies");
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value())
                    .getInt()).isEqualTo(1);
            assertThat(dead.key()).isEqualTo(bytes("conv-1"));
            assertThat(dead.value()).isNull();
            assertThat(ByteBuffer.wrap(dead.headers().lastHeader(DeadLetterProductionExceptionHandler.VALUE_SIZE_HEADER)
                    .value()).getInt()).isEqualTo(2_000_000);
            assertThat(dead.headers().lastHeader("traceparent")).isNotNull();
            assertThat(text(dead, KafkaHeaders.DLT_EXCEPTION_FQCN)).isEqualTo(RecordTooLargeException.class.getName());
        });
    }

    @Test
    void aRecordThatCannotBeSerializedIsDeadLetteredWithItsKeyAndTheStreamGoesOn() {
        DeadLetterProductionExceptionHandler handler = productionHandler();
        ProducerRecord<String, Object> record = new ProducerRecord<>("rxflow.tool-commands", "conv-1", new Object());

        ProductionExceptionHandler.Response response = handler.handleSerializationError(
                context("rxflow.patient-messages", 0, 7L, "sink", null, null), record,
                new SerializationException("no schema"), SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(bytes("conv-1"));
            assertThat(dead.value()).isNull();
        });
    }

    @Test
    void aHandlerWithoutTheServicesDeadLettersRefusesToStart() {
        assertThatIllegalStateException().isThrownBy(() -> new DeadLetterProductionExceptionHandler().configure(Map.of()))
                .withMessageContaining(DeadLetters.CONFIG);
    }

    private DeadLetterProductionExceptionHandler productionHandler() {
        DeadLetterProductionExceptionHandler handler = new DeadLetterProductionExceptionHandler();
        handler.configure(config);
        return handler;
    }

    private enum Reason { OUT_OF_ORDER }

    private static final class Typed extends RuntimeException implements TypedFailure {
        private final Reason reason;

        Typed(Reason reason) {
            super("typed " + reason);
            this.reason = reason;
        }

        @Override
        public Enum<?> reason() {
            return reason;
        }
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset, String node, byte[] rawKey,
            byte[] rawValue) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return partition; }
            @Override public long offset() { return offset; }
            @Override public org.apache.kafka.common.header.Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return node; }
            @Override public TaskId taskId() { return new TaskId(0, 2); }
            @Override public long timestamp() { return -1L; }
            @Override public byte[] sourceRawKey() { return rawKey; }
            @Override public byte[] sourceRawValue() { return rawValue; }
        };
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
