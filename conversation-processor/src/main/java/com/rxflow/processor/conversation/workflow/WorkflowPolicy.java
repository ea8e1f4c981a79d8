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
 * @param modelMode             whether a language model's interpretation is asked for, and how it is used
 * @param modelTimeout          how long a message waits for the model's interpretation before the
 *                              deterministic interpreter answers alone
 */
public record WorkflowPolicy(Duration idleTimeout, Duration toolTimeout, Duration pharmacistWaitNotice, ZoneId zone,
        double earlyRefillThreshold, ModelMode modelMode, Duration modelTimeout) {

    /** How a language model's interpretation is used. */
    public enum ModelMode {
        /** Never asked: the embedded stack needs no model. */
        OFF,
        /** Asked for every message that is not an answer; recorded and compared, never used. */
        SHADOW,
        /**
         * Asked when the keyword rules are not sure; once validated it takes the semantic classifier's
         * place. The message waits for it up to {@code modelTimeout}.
         */
        PRIMARY
    }

    /** A policy without a model. */
    public WorkflowPolicy(Duration idleTimeout, Duration toolTimeout, Duration pharmacistWaitNotice, ZoneId zone,
            double earlyRefillThreshold) {
        this(idleTimeout, toolTimeout, pharmacistWaitNotice, zone, earlyRefillThreshold, ModelMode.OFF,
                Duration.ofSeconds(4));
    }

    public static WorkflowPolicy defaults() {
        return new WorkflowPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20), Duration.ofMinutes(2),
                ZoneId.of("UTC"), 0.75);
    }

    /** The same policy with a model used in {@code mode}. */
    public WorkflowPolicy withModel(ModelMode mode, Duration timeout) {
        return new WorkflowPolicy(idleTimeout, toolTimeout, pharmacistWaitNotice, zone, earlyRefillThreshold, mode,
                timeout);
    }
}
