package com.rxflow.tools.invocation;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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
import com.rxflow.tools.registry.Arguments;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.Invocation;
import com.rxflow.tools.registry.Publication;
import com.rxflow.tools.registry.Tool;
import com.rxflow.tools.registry.ToolOutcome;
import com.rxflow.tools.registry.ToolRegistry;

/**
 * Decides the answer to one tool command: finds the tool, enforces the patient binding, decodes
 * the arguments, runs the tool (under its time limit, with retries) and wraps its outcome in a
 * {@link ToolResult}. Knows nothing of Kafka, so every rule is tested without a broker. Bad input
 * of any kind is a {@code ToolFailed} with a reason code, never an exception that would loop.
 *
 * <p>A command read at or after its deadline, for a tool with side effects, is refused as
 * {@link FailureCode#EXPIRED} and its tool is not run: the caller has stopped waiting and may have
 * told the patient it failed. A read (no side effects) still answers; a command without a deadline
 * (from a caller that sets none) runs whenever it arrives.
 *
 * <p>The patient comes from the command's metadata only, the patient the conversation is bound
 * to: a tool cannot be pointed at another patient through its arguments.
 */
public final class ToolCommandHandler {

    /** The {@code source} of every record this service writes. */
    public static final String SOURCE = Invocation.SOURCE;

    private final ToolRegistry registry;
    private final ToolRunner runner;
    private final Clock clock;
    private final ZoneId zone;
    private final AvroCodec codec;

    /** With the shared codec of the shipped schemas (no schema store). */
    public ToolCommandHandler(ToolRegistry registry, ToolRunner runner, Clock clock, ZoneId zone) {
        this(registry, runner, clock, zone, AvroCodec.shared());
    }

    /**
     * @param codec encodes results and decodes arguments: the service's own, so a result's schema is
     *              published to its schema store and an argument of a newer schema is looked up there
     */
    public ToolCommandHandler(ToolRegistry registry, ToolRunner runner, Clock clock, ZoneId zone, AvroCodec codec) {
        this.registry = registry;
        this.runner = runner;
        this.clock = clock;
        this.zone = zone;
        this.codec = codec;
    }

    /**
     * The answer to publish for a command, or empty for a command kind this release does not
     * handle (an UNKNOWN type written by a newer processor), which is skipped.
     *
     * @throws IllegalArgumentException for an INVOKE_TOOL command without its invocation, a broken
     *                                  envelope that goes to the dead-letter topic
     */
    public Optional<Answer> handle(ToolCommand command) {
        if (command.getType() != ToolCommandType.INVOKE_TOOL) {
            return Optional.empty();
        }
        InvokeTool invocation = command.getInvokeTool();
        if (invocation == null) {
            throw new IllegalArgumentException("command " + command.getMetadata().getEventId()
                    + " is of type INVOKE_TOOL but carries no invokeTool");
        }
        Instant now = clock.instant();
        ToolOutcome<?> outcome = invoke(command.getMetadata(), invocation, now);
        List<Publication> publications = outcome instanceof ToolOutcome.Completed<?> completed
                ? completed.publications() : List.of();
        return Optional.of(new Answer(result(command.getMetadata(), invocation, outcome, now), publications));
    }

    private ToolOutcome<?> invoke(EventMetadata metadata, InvokeTool invocation, Instant now) {
        Optional<Tool<?, ?>> tool = registry.find(invocation.getTool());
        if (tool.isEmpty()) {
            return ToolOutcome.failed(FailureCode.UNKNOWN_TOOL,
                    "no tool named '" + invocation.getTool() + "'; known: " + registry.names());
        }
        Instant deadline = invocation.getDeadline();
        if (deadline != null && !now.isBefore(deadline) && tool.get().effect().hasSideEffects()) {
            return ToolOutcome.failed(FailureCode.EXPIRED, invocation.getTool() + " has side effects and its command "
                    + "expired at " + deadline + " (read at " + now + "): the caller stopped waiting, the tool was not run");
        }
        String patientId = metadata.getPatientId();
        if (patientId == null || patientId.isBlank()) {
            return ToolOutcome.failed(FailureCode.PATIENT_NOT_BOUND,
                    "the command names no patient, and tools only read the bound patient's data");
        }
        if (!Arguments.PATIENT_ID.matcher(patientId).matches()) {
            return ToolOutcome.failed(FailureCode.PATIENT_NOT_BOUND,
                    "the command's patient id is not a patient id (letters, digits and '_', at most 20)");
        }
        if (invocation.getRequestId() == null || invocation.getRequestId().isBlank()) {
            return ToolOutcome.failed(FailureCode.INVALID_ARGUMENTS, "the command has no request id");
        }
        return run(tool.get(), new Invocation(patientId, invocation.getRequestId(), metadata, now, zone),
                bytes(invocation.getArguments()));
    }

    private <A extends SpecificRecord, R extends SpecificRecord> ToolOutcome<R> run(
            Tool<A, R> tool, Invocation invocation, byte[] arguments) {
        A decoded;
        try {
            decoded = codec.decode(arguments, tool.argumentType());
        } catch (AvroDecodingException | ClassCastException e) {
            return ToolOutcome.failed(FailureCode.INVALID_ARGUMENTS, "arguments of " + tool.name()
                    + " are not a " + tool.argumentType().getSimpleName() + ": " + e.getMessage());
        }
        return runner.run(tool, invocation, decoded);
    }

    private ToolResult result(EventMetadata cause, InvokeTool invocation, ToolOutcome<?> outcome, Instant now) {
        ToolResult.Builder result = ToolResult.newBuilder()
                .setMetadata(Metadata.causedBy(cause, 0, SOURCE, now));
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
                        .setRequestId(invocation.getRequestId() == null ? "" : invocation.getRequestId())
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
