package com.rxflow.gateway.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.reply.ReplySink;
import com.rxflow.gateway.reply.ReplyView;

/**
 * Turns as patients live them, measured where both ends are seen: from the moment this gateway
 * instance stored a patient's message on Kafka to the moment the final reply to it
 * ({@code turnComplete}) came back. Only the instance that published a message times it (every
 * instance reads every reply), so each turn is counted once however many gateways run.
 *
 * <ul>
 * <li>{@code rxflow_turn_duration_seconds{outcome}}: a histogram with SLO buckets, for percentiles
 * and "share of turns answered within 2 s";</li>
 * <li>{@code rxflow_turns_total{outcome}}: {@code answered}, {@code handed_off} (a pharmacist took
 * over), {@code pharmacist} (a pharmacist's reply ended it), {@code error}, or {@code unanswered}
 * when no final reply came within the reply cache's time to live.</li>
 * </ul>
 */
@Component
public class TurnMetrics implements ReplySink {

    static final String DURATION = "rxflow.turn.duration";
    static final String TURNS = "rxflow.turns";

    private final MeterRegistry registry;
    private final Cache<String, Long> open;

    public TurnMetrics(MeterRegistry registry, GatewayProperties properties) {
        this.registry = registry;
        this.open = Caffeine.newBuilder()
                .expireAfterWrite(properties.replyCache().ttl())
                .maximumSize(properties.replyCache().maximumSize())
                .scheduler(Scheduler.systemScheduler())
                .removalListener((String key, Long started, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        turns(Outcome.UNANSWERED).increment();
                    }
                })
                .build();
    }

    /** This instance stored the patient's message: its turn begins. */
    public void started(String conversationId, String messageId) {
        open.asMap().putIfAbsent(key(conversationId, messageId), System.nanoTime());
    }

    @Override
    public void deliver(String conversationId, ReplyView reply) {
        if (!reply.isFinal() || reply.inReplyTo() == null) {
            return;
        }
        Long started = open.asMap().remove(key(conversationId, reply.inReplyTo()));
        if (started == null) {
            return; // another instance's turn, or one already counted
        }
        Outcome outcome = Outcome.of(reply);
        duration(outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        turns(outcome).increment();
    }

    /** A turn answered again for a retry: it was timed when first answered; the retry is not a turn of its own. */
    @Override
    public void deliverAgain(String conversationId, ReplyView reply) {
        if (reply.isFinal() && reply.inReplyTo() != null) {
            open.invalidate(key(conversationId, reply.inReplyTo()));
        }
    }

    private Timer duration(Outcome outcome) {
        return Timer.builder(DURATION)
                .description("From a patient message stored on Kafka to its final reply, as the gateway sees it")
                .tag("outcome", outcome.tag)
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10))
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    private Counter turns(Outcome outcome) {
        return Counter.builder(TURNS).description("Patient turns by how they ended").tag("outcome", outcome.tag)
                .register(registry);
    }

    private static String key(String conversationId, String messageId) {
        return conversationId + "/" + messageId;
    }

    enum Outcome {
        ANSWERED("answered"), HANDED_OFF("handed_off"), PHARMACIST("pharmacist"), ERROR("error"),
        UNANSWERED("unanswered");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        static Outcome of(ReplyView reply) {
            if ("PHARMACIST".equals(reply.author())) {
                return PHARMACIST;
            }
            if ("WITH_PHARMACIST".equals(reply.step())) {
                return HANDED_OFF;
            }
            return "ERROR".equals(reply.state()) ? ERROR : ANSWERED;
        }
    }
}
