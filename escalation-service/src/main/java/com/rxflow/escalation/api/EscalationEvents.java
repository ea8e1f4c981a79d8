package com.rxflow.escalation.api;

import com.rxflow.events.escalation.EscalationEvent;

/** The case an escalation event is about, whatever its kind. */
final class EscalationEvents {

    private EscalationEvents() {
    }

    static String escalationId(EscalationEvent event) {
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
