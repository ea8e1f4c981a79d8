package com.rxflow.escalation.cases;

import java.util.List;

import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.state.EscalationCase;

/**
 * What one command does: the case to store (null when the store is left as it is) and the events
 * to publish, in order.
 */
public record CaseDecision(EscalationCase changedCase, List<EscalationEvent> events) {

    private static final CaseDecision UNCHANGED = new CaseDecision(null, List.of());

    public CaseDecision {
        events = List.copyOf(events);
    }

    public static CaseDecision unchanged() {
        return UNCHANGED;
    }

    public boolean changesCase() {
        return changedCase != null;
    }
}
