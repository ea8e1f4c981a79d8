package com.rxflow.escalation.cases;

import java.util.List;

import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.state.EscalationCase;

/**
 * What one input does to a case: the case to store (null when the store is left as it is), whether
 * the case is removed instead, and the events to publish, in order.
 */
public record CaseDecision(EscalationCase changedCase, boolean removesCase, List<EscalationEvent> events) {

    private static final CaseDecision UNCHANGED = new CaseDecision(null, false, List.of());

    public CaseDecision {
        events = List.copyOf(events);
    }

    public CaseDecision(EscalationCase changedCase, List<EscalationEvent> events) {
        this(changedCase, false, events);
    }

    public static CaseDecision unchanged() {
        return UNCHANGED;
    }

    public static CaseDecision removed() {
        return new CaseDecision(null, true, List.of());
    }

    public boolean changesCase() {
        return changedCase != null;
    }
}
