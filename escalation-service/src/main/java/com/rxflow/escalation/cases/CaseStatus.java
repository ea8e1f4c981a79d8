package com.rxflow.escalation.cases;

import java.util.EnumSet;
import java.util.Set;

import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.state.EscalationCase;

/**
 * Where a case is in its life. Pharmacist and urgent cases are claimed and resolved; prescriber
 * cases (renewals, prior authorizations) are sent and decided. The store keeps the name as a
 * string so a later status needs no schema change.
 */
public enum CaseStatus {
    /** In the pharmacists' queue, nobody has it yet. */
    OPENED,
    /** A pharmacist owns the case and the conversation. */
    CLAIMED,
    /** Resolved: the conversation went back to the assistant. */
    RETURNED,
    /** Resolved: the pharmacist closed the conversation. */
    CLOSED,
    /** Taken out of the queue: the patient cancelled, or a pharmacist found no human was needed. */
    WITHDRAWN,
    /** In the prescriber queue, waiting for the prescriber's answer. */
    SENT,
    /** The prescriber asked for more information; still in the prescriber queue. */
    MORE_INFO_NEEDED,
    /** The prescriber approved: the refill may continue. */
    APPROVED,
    /** The prescriber refused. */
    DENIED;

    private static final Set<CaseStatus> IN_QUEUE = EnumSet.of(OPENED, CLAIMED, SENT, MORE_INFO_NEEDED);
    private static final Set<CaseStatus> WAITING = EnumSet.of(OPENED, SENT, MORE_INFO_NEEDED);

    /** The status of a stored case; a prescriber case stored as OPENED by an earlier release is SENT. */
    public static CaseStatus of(EscalationCase stored) {
        CaseStatus status = valueOf(stored.getStatus());
        if (status == OPENED && stored.getRoute() == EscalationRoute.PRESCRIBER) {
            return SENT;
        }
        return status;
    }

    /** The status a new case of {@code route} opens in. */
    public static CaseStatus openedOn(EscalationRoute route) {
        return route == EscalationRoute.PRESCRIBER ? SENT : OPENED;
    }

    /** Still in a queue: someone has to act on it. */
    public boolean inQueue() {
        return IN_QUEUE.contains(this);
    }

    /** Out of the queue for good. */
    public boolean finished() {
        return !inQueue();
    }

    /** Waiting for a person to take it up (a claim, or the prescriber's answer): the SLA runs. */
    public boolean waiting() {
        return WAITING.contains(this);
    }
}
