package com.rxflow.gateway.problem;

/**
 * Something the gateway depends on (the broker, the conversation processor) did not answer in
 * time. The request may be retried; the client is told when with {@code Retry-After}.
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public UnavailableException(String message) {
        super(message);
    }
}
