package com.rxflow.processor.conversation.workflow;

import java.util.List;
import java.util.Optional;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.state.ToolOutcome;

/**
 * The answers of a batch of tool calls the workflow made together (for example the refill gates'
 * four checks), handed to the conversation type once the last one arrived.
 */
public record Batch(String id, String purpose, List<ToolOutcome> outcomes, AvroCodec codec) {

    public Batch {
        outcomes = List.copyOf(outcomes);
    }

    public Optional<ToolOutcome> outcome(ToolContract<?, ?> tool) {
        return outcomes.stream().filter(o -> o.getTool().equals(tool.name())).findFirst();
    }

    /** The tool's result when it succeeded. */
    public <R extends SpecificRecord> Optional<R> result(ToolContract<?, R> tool) {
        return outcome(tool).filter(ToolOutcome::getSucceeded).filter(o -> o.getResult() != null)
                .map(o -> codec.decode(ConversationFold.bytes(o.getResult()), tool.resultType()));
    }

    /** "tool (data source)" for every answer, for the reply's source line. */
    public List<String> sources() {
        return outcomes.stream().filter(ToolOutcome::getSucceeded).map(Batch::source).toList();
    }

    public static String source(ToolOutcome outcome) {
        return outcome.getTool() + " (" + (outcome.getDataSource() == null ? "unknown source" : outcome.getDataSource())
                + ")";
    }

    public boolean anyFailed() {
        return outcomes.stream().anyMatch(o -> !o.getSucceeded());
    }
}
