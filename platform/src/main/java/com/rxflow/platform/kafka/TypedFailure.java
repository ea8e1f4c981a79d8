package com.rxflow.platform.kafka;

/**
 * An exception that knows why, as a typed reason: its dead letter carries the reason's name in
 * {@value DeadLetters#REASON_CODE_HEADER}, so operators and tools can tell failures apart without
 * reading free text.
 */
public interface TypedFailure {

    /** Why the record failed, an enum constant of the failing part's own reasons. */
    Enum<?> reason();
}
