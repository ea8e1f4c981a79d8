package com.rxflow.tools.registry;

/**
 * The stable, machine-readable causes a tool invocation can fail with; published by name as
 * {@code ToolFailed.reasonCode}, so constants are only ever added, never renamed.
 */
public enum FailureCode {

    /** No tool is registered under the requested name. */
    UNKNOWN_TOOL(false),
    /** The arguments are not a readable record of the tool's argument type, or a value in them is malformed. */
    INVALID_ARGUMENTS(false),
    /** The command names no patient (or a malformed id), so no tool may run: tools only read the bound patient's data. */
    PATIENT_NOT_BOUND(false),
    /** The record asked for (an order) belongs to a patient this conversation is not bound to. */
    OTHER_PATIENT(false),
    /** The data the tool needs does not exist: an unknown patient, drug, pharmacy or order. */
    NOT_FOUND(false),
    /** A pharmacy name matches more than one pharmacy; the reason lists them. */
    AMBIGUOUS(false),
    /** The medication (or strength, or quantity) is not on the patient's current prescriptions. */
    NOT_PRESCRIBED(false),
    /** The patient's plan has no formulary entry for the drug. */
    NOT_COVERED(false),
    /** The pharmacy does not have the quantity on hand; the reason names pharmacies that do. */
    OUT_OF_STOCK(false),
    /** The prescription has no refills left: the prescriber must renew it. */
    NO_REFILLS_REMAINING(false),
    /** The prescription has expired: the prescriber must renew it. */
    PRESCRIPTION_EXPIRED(false),
    /** A controlled substance or a prescription marked for review: the prescriber must decide. */
    PRESCRIBER_REVIEW_REQUIRED(false),
    /** Less than 75% of the last fill's days supply has elapsed. */
    REFILL_TOO_EARLY(false),
    /** The plan requires prior authorization and none is on file. */
    PRIOR_AUTHORIZATION_REQUIRED(false),
    /** The order cannot be cancelled any more (already cancelled or picked up). */
    NOT_CANCELLABLE(false),
    /**
     * The command's deadline had passed when it was read, and its tool has side effects: the
     * caller had stopped waiting (the patient may have been told it failed), so the tool was not
     * run. Not retryable: the same command stays expired; the caller sends a new attempt with a new
     * deadline if it still wants the call.
     */
    EXPIRED(false),
    /** The tool did not finish within its time limit; the same request may succeed later. */
    TIMEOUT(true),
    /** A data source did not answer; the same request may succeed later. */
    UNAVAILABLE(true),
    /**
     * The language model did not answer within {@code rxflow.llm.timeout}; it may later. Retried
     * only while the retry budget allows, which after a wait of seconds it does not.
     */
    MODEL_TIMEOUT(true),
    /**
     * The language model's service did not take the request: rate-limited (429), failing (5xx) or
     * out of reach; the same request may succeed later.
     */
    MODEL_UNAVAILABLE(true),
    /**
     * The language model's service refused the request as wrong (400, 401, 403, 404: a bad key, an
     * unknown model): asking again will not help until the configuration changes.
     */
    MODEL_REJECTED(false),
    /**
     * The language model answered, but not with JSON of the requested shape (not JSON, a missing
     * intent, a value of the wrong type, no content at all).
     */
    MODEL_INVALID_OUTPUT(false);

    private final boolean retryable;

    FailureCode(boolean retryable) {
        this.retryable = retryable;
    }

    /** True when sending the same request again may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
