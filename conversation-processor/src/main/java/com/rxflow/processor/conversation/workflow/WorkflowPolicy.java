package com.rxflow.processor.conversation.workflow;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The workflow's configurable numbers, passed in so that tests and the JMH benchmark choose them.
 *
 * @param idleTimeout           a conversation with no activity for this long is closed
 * @param toolTimeout           a tool call unanswered for this long is retried once, then given up
 * @param pharmacistWaitNotice  a patient waiting this long for a pharmacist is told the expected wait
 * @param zone                  the pharmacy's time zone, for pickup times in replies
 * @param earlyRefillThreshold  a refill before this share of the days supply has elapsed is early
 */
public record WorkflowPolicy(Duration idleTimeout, Duration toolTimeout, Duration pharmacistWaitNotice, ZoneId zone,
        double earlyRefillThreshold) {

    public static WorkflowPolicy defaults() {
        return new WorkflowPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofMinutes(2),
                ZoneId.of("UTC"), 0.75);
    }
}
