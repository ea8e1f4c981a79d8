package com.rxflow.load.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one phase (in microseconds, HdrHistogram with 3 significant digits) and its errors
 * by kind, recorded from many threads; {@link #takeInterval()} gives the progress display the
 * latencies since it last asked.
 */
final class LatencyRecorder {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Histogram total = histogram();
    private Histogram interval = histogram();
    private final Map<String, Long> errors = new TreeMap<>();

    private static Histogram histogram() {
        return new Histogram(1, HIGHEST_MICROS, 3);
    }

    synchronized void record(long nanos) {
        long micros = Math.max(1, Math.min(HIGHEST_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
        total.recordValue(micros);
        interval.recordValue(micros);
    }

    synchronized void error(String kind) {
        errors.merge(kind, 1L, Long::sum);
    }

    synchronized long count() {
        return total.getTotalCount();
    }

    synchronized long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    /** A copy of everything recorded so far. */
    synchronized Histogram snapshot() {
        return total.copy();
    }

    synchronized Histogram takeInterval() {
        Histogram taken = interval;
        interval = histogram();
        return taken;
    }
}
