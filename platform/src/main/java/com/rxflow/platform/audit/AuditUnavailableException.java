package com.rxflow.platform.audit;

/**
 * An access could not be recorded, and the audit trail fails closed: the read that needed it must
 * not be served (services answer 503).
 */
public class AuditUnavailableException extends RuntimeException {

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
