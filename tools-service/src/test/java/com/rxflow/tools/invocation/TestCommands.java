package com.rxflow.tools.invocation;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.tool.InvokeTool;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;

/** Tool commands as the conversation processor writes them. */
public final class TestCommands {

    public static final Instant ASKED_AT = Instant.parse("2026-03-04T05:06:06Z");

    private TestCommands() {
    }

    public static ToolCommand invokeTool(String conversationId, String patientId, String tool, SpecificRecord arguments) {
        return invokeTool(conversationId, patientId, tool, AvroCodec.shared().encode(arguments));
    }

    public static ToolCommand invokeTool(String conversationId, String patientId, String tool, byte[] arguments) {
        return ToolCommand.newBuilder()
                .setMetadata(Metadata.start(conversationId, patientId, "msg-" + conversationId,
                        "conversation-processor", ASKED_AT))
                .setType(ToolCommandType.INVOKE_TOOL)
                .setInvokeTool(new InvokeTool("req-" + UUID.randomUUID(), tool, ByteBuffer.wrap(arguments), null))
                .build();
    }

    /** A command of the given type that carries nothing, as a broken or newer writer might send. */
    public static ToolCommand empty(String conversationId, ToolCommandType type) {
        return ToolCommand.newBuilder()
                .setMetadata(Metadata.start(conversationId, "patient_001", "msg-" + conversationId,
                        "conversation-processor", ASKED_AT))
                .setType(type)
                .build();
    }

    public static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
