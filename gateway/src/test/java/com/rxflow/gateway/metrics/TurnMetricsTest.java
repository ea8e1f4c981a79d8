package com.rxflow.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import com.rxflow.gateway.TestGatewayProperties;
import com.rxflow.gateway.reply.ReplyView;

class TurnMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TurnMetrics metrics = new TurnMetrics(registry, TestGatewayProperties.defaults());

    @Test
    void aTurnLastsFromTheStoredMessageToItsFinalReply() {
        metrics.started("c-1", "m-1");
        metrics.deliver("c-1", reply("m-1", false, "ASSISTANT", "PROCESSING", "CHECK_AUTHORIZATION"));
        assertThat(registry.find(TurnMetrics.TURNS).counter()).as("not over while more replies follow").isNull();

        metrics.deliver("c-1", reply("m-1", true, "ASSISTANT", "COMPLETED", null));

        assertThat(registry.get(TurnMetrics.TURNS).tag("outcome", "answered").counter().count()).isEqualTo(1);
        assertThat(registry.get(TurnMetrics.DURATION).tag("outcome", "answered").timer().count()).isEqualTo(1);
        assertThat(registry.get(TurnMetrics.DURATION).timer().takeSnapshot().histogramCounts())
                .as("SLO buckets are published").isNotEmpty();
    }

    @Test
    void aReplyToAnotherInstancesMessageOrOneCountedBeforeIsNotCounted() {
        metrics.deliver("c-1", reply("m-9", true, "ASSISTANT", "COMPLETED", null));
        metrics.started("c-1", "m-1");
        metrics.deliver("c-1", reply("m-1", true, "ASSISTANT", "COMPLETED", null));
        metrics.deliver("c-1", reply("m-1", true, "ASSISTANT", "COMPLETED", null));

        assertThat(registry.get(TurnMetrics.TURNS).counter().count()).isEqualTo(1);
    }

    @Test
    void theOutcomeSaysHowTheTurnEnded() {
        metrics.started("c-1", "m-1");
        metrics.deliver("c-1", reply("m-1", true, "ASSISTANT", "PROCESSING", "WITH_PHARMACIST"));
        metrics.started("c-1", "m-2");
        metrics.deliver("c-1", reply("m-2", true, "ASSISTANT", "ERROR", "ERROR"));

        assertThat(registry.get(TurnMetrics.TURNS).tag("outcome", "handed_off").counter().count()).isEqualTo(1);
        assertThat(registry.get(TurnMetrics.TURNS).tag("outcome", "error").counter().count()).isEqualTo(1);
    }

    private static ReplyView reply(String inReplyTo, boolean isFinal, String author, String state, String step) {
        return new ReplyView("r-" + inReplyTo + isFinal, inReplyTo, 1, "text", author, state, step, isFinal,
                Instant.EPOCH);
    }
}
