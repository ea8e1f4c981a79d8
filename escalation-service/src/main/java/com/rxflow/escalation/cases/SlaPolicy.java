package com.rxflow.escalation.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;

/**
 * How long a case may wait for a person: a pharmacist case for a claim, by priority; a prescriber
 * case for the prescriber's answer, which takes days rather than minutes. Kept apart from the
 * configuration so the deadline rule is one pure function, tested without Spring.
 */
public record SlaPolicy(Duration routine, Duration high, Duration urgent, Duration prescriber) {

    /** Prescribers usually answer a renewal request within two days. */
    public static final Duration DEFAULT_PRESCRIBER = Duration.ofHours(48);

    public SlaPolicy {
        Objects.requireNonNull(routine, "routine");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(urgent, "urgent");
        Objects.requireNonNull(prescriber, "prescriber");
    }

    public SlaPolicy(Duration routine, Duration high, Duration urgent) {
        this(routine, high, urgent, DEFAULT_PRESCRIBER);
    }

    public Duration of(EscalationPriority priority) {
        return switch (priority) {
            case ROUTINE -> routine;
            case HIGH -> high;
            case URGENT -> urgent;
        };
    }

    /** When a case of {@code priority} on {@code route} opened at {@code openedAt} must be taken up by. */
    public Instant dueAt(EscalationRoute route, EscalationPriority priority, Instant openedAt) {
        return openedAt.plus(route == EscalationRoute.PRESCRIBER ? prescriber : of(priority));
    }

    /** The priority a case is raised to when it breaches its SLA; urgent stays urgent. */
    public static EscalationPriority raised(EscalationPriority priority) {
        return switch (priority) {
            case ROUTINE -> EscalationPriority.HIGH;
            case HIGH, URGENT -> EscalationPriority.URGENT;
        };
    }
}
