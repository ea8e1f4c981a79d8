package com.rxflow.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Remembers the ids ({@code jti}) of the patient assertions this instance accepted until they
 * expire, so an assertion is accepted once. Bounded: should more unexpired assertions arrive than
 * it holds, the oldest are forgotten early. Another gateway instance does not see these ids, so a
 * replay there is not caught (the short lifetime bounds that window).
 */
final class ReplayGuard {

    private final Cache<String, Instant> seen;

    ReplayGuard(Clock clock, Duration leeway, long maximumSize) {
        this.seen = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfter(Expiry.<String, Instant>creating(
                        (id, expiresAt) -> Duration.between(clock.instant(), expiresAt.plus(leeway))))
                .build();
    }

    /**
     * Records an assertion's id.
     *
     * @return false when it was seen before (a replay)
     */
    boolean firstUse(String issuer, String id, Instant expiresAt) {
        return seen.asMap().putIfAbsent(issuer + "\n" + id, expiresAt) == null;
    }
}
