package com.rxflow.gateway.problem;

/**
 * A request part that Bean Validation does not see (a header such as {@code Last-Event-ID}) breaks
 * its rule; reported as a {@link ProblemType#VALIDATION} problem naming the part.
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
