package com.rxflow.escalation.cases;

import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.state.EscalationCase;

/**
 * Told of every event the queue publishes, with the case as it is after it, so metrics (time to
 * claim, time to resolve) are measured where the facts are made and the decider stays pure.
 */
@FunctionalInterface
public interface CaseObserver {

    CaseObserver NONE = (event, after) -> { };

    void published(EscalationEvent event, EscalationCase after);
}
