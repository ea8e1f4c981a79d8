package com.rxflow.schemas.event;

import com.rxflow.events.escalation.EscalationEvent;

/**
 * The case an escalation event is about, whatever its kind: the envelope carries the id in the
 * field of its kind, and both the processor and escalation-service's console feed need it.
 */
public final class EscalationEvents {

    private EscalationEvents() {
    }

    /** The event's escalation id, or null for a kind this release does not know. */
    public static String escalationId(EscalationEvent event) {
        return switch (event.getType()) {
            case ESCALATION_OPENED -> event.getOpened().getEscalationId();
            case ESCALATION_CLAIMED -> event.getClaimed().getEscalationId();
            case PHARMACIST_REPLIED -> event.getPharmacistReplied().getEscalationId();
            case ESCALATION_RESOLVED -> event.getResolved().getEscalationId();
            case ESCALATION_SLA_BREACHED -> event.getSlaBreached().getEscalationId();
            case ESCALATION_WITHDRAWN -> event.getWithdrawn().getEscalationId();
            case PRESCRIBER_DECISION -> event.getPrescriberDecision().getEscalationId();
            case PATIENT_MESSAGE_APPENDED -> event.getPatientMessage().getEscalationId();
            default -> null;
        };
    }
}
