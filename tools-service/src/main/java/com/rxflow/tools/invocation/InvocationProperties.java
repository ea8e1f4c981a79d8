package com.rxflow.tools.invocation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How tools are run: the time zone "today" is read in, how long a tool may take, how retryable
 * failures are retried, and the request log that makes invocations idempotent.
 *
 * @param zone       time zone of the pharmacy network (dates, opening hours)
 * @param timeout    time limit of one attempt of a tool
 * @param timeouts   time limits of particular tools, by tool name (none by default)
 * @param retry      retries of retryable failures (TIMEOUT, UNAVAILABLE)
 * @param requestLog the request-log topic
 */
@ConfigurationProperties("rxflow.tools.invocation")
@Validated
public record InvocationProperties(
        @NotNull ZoneId zone,
        @NotNull Duration timeout,
        Map<String, Duration> timeouts,
        @NotNull @Valid Retry retry,
        @NotNull @Valid RequestLog requestLog) {

    public InvocationProperties {
        timeouts = timeouts == null ? Map.of() : Map.copyOf(timeouts);
    }

    public Duration timeoutOf(String tool) {
        return timeouts.getOrDefault(tool, timeout);
    }

    /**
     * @param maxAttempts    attempts in all, the first included
     * @param initialBackoff wait before the second attempt
     * @param multiplier     growth of the wait from one attempt to the next
     * @param maxBackoff     longest wait
     * @param budget         time all attempts of one command may take: a retry is started only when
     *                       its backoff and the tool's whole time limit fit in it; keep it under the
     *                       listener's {@code transaction.timeout.ms}
     */
    public record Retry(@Positive int maxAttempts, @NotNull Duration initialBackoff, @DecimalMin("1.0") double multiplier,
            @NotNull Duration maxBackoff, @NotNull Duration budget) {
    }

    /**
     * @param topic     name of the compacted request-log topic
     * @param retention how long a request id is remembered
     */
    public record RequestLog(@NotBlank String topic, @NotNull Duration retention) {
    }
}
