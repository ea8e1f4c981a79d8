package com.rxflow.schemas.tool;

import org.apache.avro.specific.SpecificRecord;

/**
 * A pharmacy tool as both sides of the tool topics know it: its registered name and the Avro
 * types of its arguments and result, so the caller and the tool can never disagree on either.
 *
 * @param name         registered name, carried in {@code InvokeTool.tool}
 * @param argumentType the record encoded in {@code InvokeTool.arguments}
 * @param resultType   the record encoded in {@code ToolCompleted.result}
 */
public record ToolContract<A extends SpecificRecord, R extends SpecificRecord>(
        String name, Class<A> argumentType, Class<R> resultType) {
}
