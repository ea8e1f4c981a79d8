package com.rxflow.tools.registry;

import java.util.List;
import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

/**
 * What running a tool produced: a result with its provenance (and records to publish with it), or
 * a failure the conversation can act on. Both become a {@code ToolResult} event.
 *
 * @param <R> the tool's result record
 */
public sealed interface ToolOutcome<R extends SpecificRecord> {

    static <R extends SpecificRecord> ToolOutcome<R> completed(R result, Provenance provenance) {
        return new Completed<>(result, provenance, List.of());
    }

    static <R extends SpecificRecord> ToolOutcome<R> completed(R result, Provenance provenance,
            List<Publication> publications) {
        return new Completed<>(result, provenance, publications);
    }

    static <R extends SpecificRecord> ToolOutcome<R> failed(FailureCode code, String reason) {
        return new Failed<>(code, reason);
    }

    /** The tool answered; {@code provenance} says which data answered. */
    record Completed<R extends SpecificRecord>(R result, Provenance provenance, List<Publication> publications)
            implements ToolOutcome<R> {
        public Completed {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(provenance, "provenance");
            publications = List.copyOf(publications);
        }
    }

    /** The tool could not answer; {@code reason} is for logs and pharmacists, not patients. */
    record Failed<R extends SpecificRecord>(FailureCode code, String reason) implements ToolOutcome<R> {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean retryable() {
            return code.retryable();
        }
    }
}
