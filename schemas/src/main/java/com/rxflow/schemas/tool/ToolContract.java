package com.rxflow.schemas.tool;

import org.apache.avro.specific.SpecificRecord;

/**
 * A pharmacy tool as both sides of the tool topics know it: its registered name and the Avro
 * types of its arguments and result, so the caller and the tool can never disagree on either.
 *
 * @param name         registered name, carried in {@code InvokeTool.tool}
 * @param argumentType the record encoded in {@code InvokeTool.arguments}
 * @param resultType   the record encoded in {@code ToolCompleted.result}
 * @param effect       whether running it changes anything besides its answer
 */
public record ToolContract<A extends SpecificRecord, R extends SpecificRecord>(
        String name, Class<A> argumentType, Class<R> resultType, ToolEffect effect) {

    public ToolContract {
        java.util.Objects.requireNonNull(effect, "effect");
    }

    /** A tool that only reads. */
    public ToolContract(String name, Class<A> argumentType, Class<R> resultType) {
        this(name, argumentType, resultType, ToolEffect.READ_ONLY);
    }
}
