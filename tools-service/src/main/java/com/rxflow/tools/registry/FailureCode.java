package com.rxflow.tools.registry;

/**
 * The stable, machine-readable causes a tool invocation can fail with; published by name as
 * {@code ToolFailed.reasonCode}, so constants are only ever added, never renamed.
 */
public enum FailureCode {

    /** No tool is registered under the requested name. */
    UNKNOWN_TOOL(false),
    /** The arguments are not a readable record of the tool's argument type. */
    INVALID_ARGUMENTS(false),
    /** The command names no patient, so no tool may run: tools only read the bound patient's data. */
    PATIENT_NOT_BOUND(false),
    /** The data the tool needs does not exist, for example a patient the data source does not know. */
    NOT_FOUND(false),
    /** A data source did not answer; the same request may succeed later. */
    UNAVAILABLE(true);

    private final boolean retryable;

    FailureCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when sending the same request again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
