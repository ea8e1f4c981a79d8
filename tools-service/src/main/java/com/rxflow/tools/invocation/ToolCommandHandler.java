package com.rxflow.tools.invocation;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.tool.InvokeTool;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolCommandType;
import com.rxflow.events.tool.ToolCompleted;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.AvroDecodingException;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolOutcome;
import com.rxflow.tools.registry.ToolRegistry;

/**
 * Decides the answer to one tool command: finds the tool, enforces the patient binding, decodes
 * the arguments, runs the tool and wraps its outcome in a {@link ToolResult}. Knows nothing of
 * Kafka, so every rule is tested without a broker.
 *
 * <p>The patient comes from the command's metadata only, the patient the conversation is bound
 * to: a tool cannot be pointed at another patient through its arguments.
 */
public final class ToolCommandHandler {

    /** The {@code source} of every record this service writes. */
    public static final String SOURCE = "tools-service";

    private final ToolRegistry registry;
    private final Clock clock;
    private final AvroCodec codec = AvroCodec.shared();

    public ToolCommandHandler(ToolRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * The result to publish for a command, or empty for a command kind this release does not
     * handle (an UNKNOWN type written by a newer processor), which is skipped.
     *
     * @throws IllegalArgumentException for an INVOKE_TOOL command without its invocation, a broken
     *                                  envelope that goes to the dead-letter topic
     */
    public Optional<ToolResult> handle(ToolCommand command) {
        if (command.getType() != ToolCommandType.INVOKE_TOOL) {
            return Optional.empty();
        }
        InvokeTool invocation = command.getInvokeTool();
        if (invocation == null) {
            throw new IllegalArgumentException("command " + command.getMetadata().getEventId()
                    + " is of type INVOKE_TOOL but carries no invokeTool");
        }
        ToolOutcome<?> outcome = invoke(invocation, command.getMetadata().getPatientId());
        return Optional.of(result(command.getMetadata(), invocation, outcome));
    }

    private ToolOutcome<?> invoke(InvokeTool invocation, String patientId) {
        Optional<Tool<?, ?>> tool = registry.find(invocation.getTool());
        if (tool.isEmpty()) {
            return ToolOutcome.failed(FailureCode.UNKNOWN_TOOL,
                    "no tool named '" + invocation.getTool() + "'; known: " + registry.names());
        }
        if (patientId == null || patientId.isBlank()) {
            return ToolOutcome.failed(FailureCode.PATIENT_NOT_BOUND,
                    "the command names no patient, and tools only read the bound patient's data");
        }
        return run(tool.get(), patientId, bytes(invocation.getArguments()));
    }

    private <A extends SpecificRecord, R extends SpecificRecord> ToolOutcome<R> run(
            Tool<A, R> tool, String patientId, byte[] arguments) {
        A decoded;
        try {
            decoded = codec.decode(arguments, tool.argumentType());
        } catch (AvroDecodingException e) {
            return ToolOutcome.failed(FailureCode.INVALID_ARGUMENTS, "arguments of " + tool.name()
                    + " are not a " + tool.argumentType().getSimpleName() + ": " + e.getMessage());
        }
        return tool.run(patientId, decoded);
    }

    private ToolResult result(EventMetadata cause, InvokeTool invocation, ToolOutcome<?> outcome) {
        ToolResult.Builder result = ToolResult.newBuilder()
                .setMetadata(Metadata.causedBy(cause, 0, SOURCE, clock.instant()));
        if (outcome instanceof ToolOutcome.Completed<?> completed) {
            return result.setType(ToolResultType.TOOL_COMPLETED)
                    .setCompleted(ToolCompleted.newBuilder()
                            .setRequestId(invocation.getRequestId())
                            .setTool(invocation.getTool())
                            .setResult(ByteBuffer.wrap(codec.encode(completed.result())))
                            .setDataSource(completed.provenance().dataSource())
                            .setDataVersion(completed.provenance().dataVersion())
                            .build())
                    .build();
        }
        ToolOutcome.Failed<?> failed = (ToolOutcome.Failed<?>) outcome;
        return result.setType(ToolResultType.TOOL_FAILED)
                .setFailed(ToolFailed.newBuilder()
                        .setRequestId(invocation.getRequestId())
                        .setTool(invocation.getTool())
                        .setReasonCode(failed.code().name())
                        .setReason(failed.reason())
                        .setRetryable(failed.retryable())
                        .build())
                .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
