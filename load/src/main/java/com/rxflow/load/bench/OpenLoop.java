package com.rxflow.load.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * An open-loop schedule: event {@code i} is due at {@code start + i / rate}, whatever happened to
 * the events before it. A send is never held back by a slow answer, and one that leaves late
 * carries its intended time, so its latency includes the lateness (no coordinated omission).
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * Fires {@code rate × duration} events at their intended times ({@link System#nanoTime()}),
     * then waits until {@code inFlight} is 0 or {@code drain} has passed.
     *
     * @return how many events were fired
     */
    static long run(double rate, Duration duration, LongConsumer fire, LongSupplier inFlight, Duration drain) {
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        long events = (long) (duration.toNanos() / (double) interval);
        long start = System.nanoTime();
        for (long i = 0; i < events; i++) {
            long intended = start + i * interval;
            long early = intended - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early);
            }
            fire.accept(intended);
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight.getAsLong() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return events;
    }
}
