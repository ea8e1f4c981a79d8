package com.rxflow.tools.registry;

import java.util.Objects;

/**
 * An expected reason a tool cannot answer (bad input, an unknown drug, no refills left), thrown
 * from deep inside a tool and turned into a {@code ToolFailed} result by the command handler, so
 * tools read as straight-line business rules instead of threading failures through every call.
 */
public final class ToolFailure extends RuntimeException {

    private final FailureCode code;

    public ToolFailure(FailureCode code, String reason) {
        super(reason, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ToolFailure(FailureCode code, String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FailureCode code() {
        return code;
    }
}
