package com.rxflow.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.auth.ChannelClient;

/**
 * Token buckets (Bucket4j) that keep one patient or one channel key from flooding RxFlow: every
 * API request of a channel key takes a token from the key's bucket, and every message posted for
 * a patient takes one from that patient's bucket (per key, so one client cannot use up a patient's
 * allowance on another client). Buckets refill smoothly over the period, so a client that keeps
 * to the rate is never refused, and one that bursts learns exactly when to try again.
 *
 * <p>Buckets live in this instance's memory: with several gateway instances behind a load balancer
 * each enforces the limit on the share of traffic it sees.
 */
@Component
public class RateLimits {

    private final GatewayProperties.RateLimits limits;
    private final Cache<String, Bucket> clients;
    private final Cache<String, Bucket> patients;

    public RateLimits(GatewayProperties properties) {
        this.limits = properties.rateLimits();
        this.clients = buckets(limits.period());
        this.patients = buckets(limits.period());
    }

    /**
     * Takes a token for one API request of the caller.
     *
     * @throws RateLimitedException when the caller (a channel key, a signed-in patient) is over its limit
     */
    public void requestOf(Caller caller) {
        take(clients.get(caller.rateLimitKey(), id -> bucket(limits.requestsPerClient())),
                "Too many requests with this " + (caller instanceof Caller.Patient ? "sign-in" : "API key") + " (at most " + limits.requestsPerClient() + " per "
                        + describe(limits.period()) + ").");
    }

    /**
     * Takes a token for one message posted for a patient through the client.
     *
     * @throws RateLimitedException when the patient is over their limit
     */
    public void messageFor(String patientId, ChannelClient client) {
        take(patients.get(client.id() + "/" + patientId, key -> bucket(limits.messagesPerPatient())),
                "Too many messages for this patient (at most " + limits.messagesPerPatient() + " per "
                        + describe(limits.period()) + ").");
    }

    private static void take(Bucket bucket, String refusal) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
            throw new RateLimitedException(refusal, seconds);
        }
    }

    private Bucket bucket(int perPeriod) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perPeriod).refillGreedy(perPeriod, limits.period()).build())
                .build();
    }

    /** An idle bucket is full again after one period, so forgetting it then changes nothing. */
    private static Cache<String, Bucket> buckets(Duration period) {
        return Caffeine.newBuilder().expireAfterAccess(period).maximumSize(1_000_000).build();
    }

    private static String describe(Duration period) {
        return period.equals(Duration.ofMinutes(1)) ? "minute" : period.toString();
    }
}
