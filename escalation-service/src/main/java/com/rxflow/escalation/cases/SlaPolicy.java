package com.rxflow.escalation.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.rxflow.events.escalation.EscalationPriority;

/**
 * How long a case of each priority may wait for a human to claim it. Kept apart from the
 * configuration so the deadline rule is one pure function, tested without Spring.
 */
public record SlaPolicy(Duration routine, Duration high, Duration urgent) {

    public SlaPolicy {
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(urgent, "urgent");
    }

    public Duration of(EscalationPriority priority) {
        return switch (priority) {
            case ROUTINE -> routine;
            case HIGH -> high;
            case URGENT -> urgent;
        };
    }

    /** When a case of {@code priority} opened at {@code openedAt} must be claimed by. */
    public Instant dueAt(EscalationPriority priority, Instant openedAt) {
        return openedAt.plus(of(priority));
    }
}
