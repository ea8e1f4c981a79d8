package com.rxflow.tools.registry;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.schemas.tool.ToolEffect;

/**
 * A pharmacy tool: a named piece of work with typed Avro arguments and a typed Avro result, so
 * the conversation processor and tools-service agree on both through the schemas module
 * ({@code ToolContracts}).
 *
 * <p>A tool reads the data of one patient only, the one the conversation is bound to, which the
 * caller passes in the {@link Invocation}. Its arguments never name a patient.
 *
 * @param <A> the argument record
 * @param <R> the result record
 */
public interface Tool<A extends SpecificRecord, R extends SpecificRecord> {

    /** The registered name commands use, for example {@code medication_history}. */
    String name();

    Class<A> argumentType();

    Class<R> resultType();

    /**
     * Whether running it changes anything besides its answer (an order placed, a renewal sent):
     * such a tool is never run for a command past its deadline.
     */
    ToolEffect effect();

    /**
     * Runs the tool. An expected failure (bad input, no such patient, a data source that did not
     * answer) is a {@link ToolFailure} or a {@link ToolOutcome.Failed}; any other exception means
     * a fault, which the listener retries and then dead-letters.
     */
    ToolOutcome<R> run(Invocation invocation, A arguments);
}
