package com.rxflow.processor.conversation.workflow;

import java.util.EnumSet;
import java.util.Set;

import com.rxflow.events.escalation.PrescriberDecision;

/**
 * What the conversation recorded about one of its cases in a human queue ({@code
 * EscalationStatusRecorded.status}; {@link EventCodes} converts). Most are the case's status; a few
 * only note that something happened to it (a pharmacist replied, the wait notice went out, the
 * service level was missed) and leave the status as it was.
 */
public enum EscalationStatus {
    REQUESTED, OPENED, CLAIMED, PHARMACIST_REPLIED, SLA_BREACHED, WAIT_NOTICE_SENT, RESOLVED, CLOSED, WITHDRAWN,
    // a prescriber's decision on a renewal or a prior authorization
    APPROVED, DENIED, MORE_INFO_NEEDED;

    /** The statuses of a case still waiting for, or with, a person: while one holds the chat, the assistant is silent. */
    public static final Set<EscalationStatus> LIVE = EnumSet.of(REQUESTED, OPENED, CLAIMED);

    /** The status a prescriber's decision leaves the case in. */
    public static EscalationStatus of(PrescriberDecision decision) {
        return switch (decision) {
            case APPROVED -> APPROVED;
            case DENIED -> DENIED;
            case MORE_INFO_NEEDED -> MORE_INFO_NEEDED;
        };
    }
}
