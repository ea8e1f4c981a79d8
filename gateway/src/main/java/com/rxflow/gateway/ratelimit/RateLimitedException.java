package com.rxflow.gateway.ratelimit;

/** A request went over a rate limit; it may be sent again after {@link #retryAfterSeconds()}. */
public class RateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until a request would be let through again, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
