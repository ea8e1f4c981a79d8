package com.rxflow.escalation.audit;

/** The audit chain's store cannot be read right now (starting, rebalancing, or its owner did not answer). */
public class AuditLogUnavailableException extends RuntimeException {

    public AuditLogUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
