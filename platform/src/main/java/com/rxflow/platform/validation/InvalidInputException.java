package com.rxflow.platform.validation;

import com.rxflow.platform.kafka.TypedFailure;

/** A channel's input broke a rule of the shared rule set; its dead letter names the {@link InputViolation}. */
public class InvalidInputException extends IllegalArgumentException implements TypedFailure {

    private final InputViolation violation;

    public InvalidInputException(InputViolation violation, String message) {
        super(violation + ": " + message);
        this.violation = violation;
    }

    @Override
    public InputViolation reason() {
        return violation;
    }
}
