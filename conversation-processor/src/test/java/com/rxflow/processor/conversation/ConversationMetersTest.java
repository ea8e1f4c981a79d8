package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.processor.features.FeaturePolicy;

/** The processor's business metrics, counted by the Streams shell from what the workflow decided. */
class ConversationMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ConversationDriver driver = new ConversationDriver(PharmacyFixtures.seed(), FeaturePolicy.ALL,
            new ConversationMeters(registry));

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aConversationIsActiveUntilTheInactivityTimerClosesItAsAbandoned() {
        driver.open("c-1");
        driver.open("c-2");
        assertThat(active()).isEqualTo(2);
        assertThat(registry.get("rxflow.conversations.started").tag("channel", "web").counter().count()).isEqualTo(2);

        driver.advance(Duration.ofMinutes(31));

        assertThat(active()).isZero();
        assertThat(registry.get("rxflow.conversations.abandoned").tag("reason", "INACTIVITY").counter().count())
                .isEqualTo(2);
    }

    @Test
    void escalationsTheWorkflowAsksForAreCountedByRouteAndReason() {
        driver.open("c-1");
        driver.say("c-1", "m-1", "Can I talk to a pharmacist?");
        driver.open("c-2");
        driver.say("c-2", "m-1", "I need to refill my lorazepam prescription");

        assertThat(registry.get("rxflow.escalations.requested").tag("route", "PHARMACIST").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("rxflow.escalations.requested").tag("route", "PRESCRIBER").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("rxflow.refill.assessments").tag("route", "PRESCRIBER").counter().count()).isEqualTo(1);
        assertThat(registry.get("rxflow.workflow.decision").timer().count()).isPositive();
    }

    private double active() {
        return registry.get("rxflow.conversations.active").gauge().value();
    }
}
