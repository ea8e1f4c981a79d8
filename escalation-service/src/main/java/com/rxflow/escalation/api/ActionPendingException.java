package com.rxflow.escalation.api;

/**
 * An action was written but its outcome did not show within the wait: it will still be applied
 * (or refused) once. Retrying with the same idempotency key is safe and reads that outcome.
 */
public class ActionPendingException extends RuntimeException {

    private final String actionId;

    ActionPendingException(String actionId) {
        super("the action " + actionId + " was accepted but its outcome is not known yet; retry with the same "
                + "Idempotency-Key to read it");
        this.actionId = actionId;
    }

    public String actionId() {
        return actionId;
    }
}
