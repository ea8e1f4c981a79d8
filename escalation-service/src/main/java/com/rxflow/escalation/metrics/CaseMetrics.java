package com.rxflow.escalation.metrics;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import com.rxflow.escalation.cases.CaseObserver;
import com.rxflow.escalation.cases.CaseStatus;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.state.EscalationCase;

/**
 * The queue's business metrics, under the names the Grafana dashboard reads:
 * {@code rxflow.escalations} (route, reason), {@code rxflow.escalation.time.to.claim} (priority the
 * case opened with) and {@code rxflow.escalation.time.to.resolve} (route, outcome), both timers
 * with histograms. Recorded as the stream publishes each event; a task that reprocesses records
 * after a failure may count them twice, which a rate or a percentile tolerates (the events on the
 * topic stay exact).
 */
@Component
class CaseMetrics implements CaseObserver {

    static final String ESCALATIONS = "rxflow.escalations";
    static final String TIME_TO_CLAIM = "rxflow.escalation.time.to.claim";
    static final String TIME_TO_RESOLVE = "rxflow.escalation.time.to.resolve";

    private final MeterRegistry registry;

    CaseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void published(EscalationEvent event, EscalationCase after) {
        if (after == null) {
            return;
        }
        switch (event.getType()) {
            case ESCALATION_OPENED -> Counter.builder(ESCALATIONS)
                    .description("Cases opened in the human queues, by route and primary reason")
                    // the first reason is the one that chose the route; one count per case
                    .tag("route", after.getRoute().name())
                    .tag("reason", after.getReasonCodes().isEmpty() ? "NONE" : after.getReasonCodes().get(0))
                    .register(registry).increment();
            case ESCALATION_CLAIMED -> Timer.builder(TIME_TO_CLAIM)
                    .description("From a case opening to a pharmacist claiming it")
                    .tag("priority", (after.getInitialPriority() == null ? after.getPriority()
                            : after.getInitialPriority()).name())
                    .publishPercentileHistogram()
                    .register(registry).record(between(after.getOpenedAt(), after.getClaimedAt()));
            case ESCALATION_RESOLVED, ESCALATION_WITHDRAWN, PRESCRIBER_DECISION -> {
                if (CaseStatus.of(after).finished() && after.getFinishedAt() != null) {
                    Timer.builder(TIME_TO_RESOLVE)
                            .description("From a case opening to it leaving the queue")
                            .tag("route", after.getRoute().name())
                            .tag("outcome", CaseStatus.of(after).name())
                            .publishPercentileHistogram()
                            .register(registry).record(between(after.getOpenedAt(), after.getFinishedAt()));
                }
            }
            default -> { }
        }
    }

    private static Duration between(Instant from, Instant to) {
        return from == null || to == null ? Duration.ZERO : Duration.between(from, to);
    }
}
