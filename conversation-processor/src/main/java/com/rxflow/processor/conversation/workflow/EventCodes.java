package com.rxflow.processor.conversation.workflow;

import com.rxflow.state.EscalationFact;

/**
 * The one place where the workflow's typed facts meet the strings of the Avro contracts: {@code
 * RequestUpdated.change}, {@code StateChanged.trigger} and the escalation status in {@code
 * EscalationStatusRecorded} and the stored {@code EscalationFact}. Each string is the constant's
 * name, exactly as written before the facts were typed, so the shipped history reads the same.
 */
public final class EventCodes {

    private EventCodes() {
    }

    public static String code(RequestChange change) {
        return change.name();
    }

    public static String code(Trigger trigger) {
        return trigger.name();
    }

    public static String code(EscalationStatus status) {
        return status.name();
    }

    /** The status recorded as {@code code}, or null for one this release does not know. */
    public static EscalationStatus status(String code) {
        for (EscalationStatus status : EscalationStatus.values()) {
            if (status.name().equals(code)) {
                return status;
            }
        }
        return null;
    }

    /** The status of a case as the conversation last recorded it. */
    public static EscalationStatus status(EscalationFact fact) {
        return status(fact.getStatus());
    }
}
