package com.rxflow.load.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one phase of the load did: every turn's latency (all turns, and by kind of turn), the
 * errors, how the scripted conversations ended, and the counts the progress display shows.
 */
final class TurnStats {

    final LatencyRecorder all = new LatencyRecorder();
    private final Map<String, LatencyRecorder> byKind = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong inFlight = new AtomicLong();
    /** Turns whose intended time came with no idle conversation: a conversation was opened for them. */
    final AtomicLong poolMisses = new AtomicLong();

    void completed(String kind, long nanos) {
        all.record(nanos);
        byKind.computeIfAbsent(kind, k -> new LatencyRecorder()).record(nanos);
    }

    void failed(String kind, String error) {
        all.error(error);
        byKind.computeIfAbsent(kind, k -> new LatencyRecorder()).error(error);
    }

    void outcome(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    Map<String, LatencyRecorder> byKind() {
        return new TreeMap<>(byKind);
    }

    Map<String, Long> outcomes() {
        Map<String, Long> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }
}
