package com.rxflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.MedicationHistoryQuery;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.tools.invocation.TestCommands;

@ToolsServiceKafkaTest
class DeadLetterKafkaTest {

    private static final String DEAD_LETTERS = "rxflow.tools-service.dlt";

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private TopicCatalogue catalogue;

    @Test
    void anUnreadableCommandIsDeadLetteredWithItsOriginAndTheNextCommandIsStillAnswered() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        String commands = catalogue.name(TopicCatalogue.TOOL_COMMANDS);
        byte[] garbage = "{\"tool\":\"medication_history\"}".getBytes(StandardCharsets.UTF_8);

        // same key, so the good command waits behind the garbage on one partition
        RecordMetadata poisoned = clients.sendBytes(commands, conversation, garbage);
        clients.sendCommand(commands, conversation, TestCommands.invokeTool(conversation, "patient_002",
                "medication_history", MedicationHistoryQuery.newBuilder().setMedication(null).build()));

        ConsumerRecord<String, byte[]> dead = clients.awaitBytes(DEAD_LETTERS, conversation);
        assertThat(dead.value()).isEqualTo(garbage);
        Headers headers = dead.headers();
        assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(commands);
        assertThat(number(headers, KafkaHeaders.DLT_ORIGINAL_PARTITION)).isEqualTo(poisoned.partition());
        assertThat(number(headers, KafkaHeaders.DLT_ORIGINAL_OFFSET)).isEqualTo(poisoned.offset());
        assertThat(text(headers, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("tools-service");
        assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN))
                .isEqualTo("org.springframework.kafka.support.serializer.DeserializationException");
        assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("failed to deserialize");
        // the deserializer's own reason travels as the cause, and in a header of its own
        assertThat(text(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE)).contains("is not readable");
        assertThat(text(headers, DeadLetters.REASON_HEADER)).contains("not an Avro single-object encoded record");

        assertThat(clients.awaitResult(catalogue.name(TopicCatalogue.TOOL_RESULTS), conversation,
                IsolationLevel.READ_COMMITTED).value().getType()).isEqualTo(ToolResultType.TOOL_COMPLETED);
    }

    @Test
    void aReadableCommandWhoseEnvelopeIsBrokenIsDeadLetteredAsItWas() {
        BrokerClients clients = new BrokerClients(broker);
        String conversation = "conv-" + UUID.randomUUID();
        ToolCommand broken = TestCommands.empty(conversation, ToolCommandType.INVOKE_TOOL);

        clients.sendCommand(catalogue.name(TopicCatalogue.TOOL_COMMANDS), conversation, broken);

        ConsumerRecord<String, byte[]> dead = clients.awaitBytes(DEAD_LETTERS, conversation);
        assertThat(AvroCodec.shared().decode(dead.value(), ToolCommand.class)).isEqualTo(broken);
        assertThat(text(dead.headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("carries no invokeTool");
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        ByteBuffer value = ByteBuffer.wrap(header.value());
        return header.value().length == Integer.BYTES ? value.getInt() : value.getLong();
    }
}
