package com.rxflow.escalation.query;

/** The cases cannot be read right now: the stream is starting or rebalancing, or a peer did not answer. */
public class QueueUnavailableException extends RuntimeException {

    public QueueUnavailableException(String message) {
        super(message);
    }

    public QueueUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
