package com.rxflow.load.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.HdrHistogram.Histogram;

/**
 * The progress display: once a second, the phase, its elapsed time, what was sent and answered,
 * the errors, the latency of the last second and what is still in flight. On a terminal it
 * rewrites one line; in a log (no console) it prints a line every five seconds.
 */
final class Progress implements AutoCloseable {

    private final PrintWriter out;
    private final boolean terminal = System.console() != null;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            LoadDriver.daemon("bench-progress"));
    private ScheduledFuture<?> current;

    Progress(PrintWriter out) {
        this.out = out;
    }

    /** Shows a phase until {@link #done()}: {@code recorder} gives its latencies, the suppliers its counts. */
    synchronized void phase(String label, double seconds, LatencyRecorder recorder, LongSupplier sent,
            LongSupplier inFlight) {
        done();
        long start = System.nanoTime();
        int[] ticks = {0};
        recorder.takeInterval();
        current = ticker.scheduleAtFixedRate(() -> {
            Histogram second = recorder.takeInterval();
            double elapsed = (System.nanoTime() - start) / 1e9;
            String line = String.format(Locale.ROOT, "%-34s %5.0f/%-4.0fs sent %7d  done %7d  err %4d  "
                    + "last 1s: p50 %7.1f ms  p99 %7.1f ms  in flight %4d", label, Math.min(elapsed, seconds), seconds,
                    sent.getAsLong(), recorder.count(), recorder.errorCount(),
                    second.getValueAtPercentile(50) / 1000.0, second.getValueAtPercentile(99) / 1000.0,
                    inFlight.getAsLong());
            if (terminal) {
                out.print("\r" + line);
                out.flush();
            } else if (++ticks[0] % 5 == 0) {
                out.println(line);
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Ends the current phase's line. */
    synchronized void done() {
        if (current != null) {
            current.cancel(false);
            current = null;
            if (terminal) {
                out.println();
            }
        }
    }

    /** A line of its own between phases. */
    synchronized void note(String line) {
        done();
        out.println(line);
    }

    @Override
    public void close() {
        done();
        ticker.shutdownNow();
    }
}
