package com.rxflow.escalation.cases;

import java.time.Instant;

/**
 * A point in time at which a case must be looked at again: its SLA running out, or the end of its
 * retention once it left the queue. Timers are derived from the case (see
 * {@link CaseDecider#timers}), so they need no events of their own, and their index key starts with
 * the zero-padded due time so a range scan up to "now" reads exactly the due ones, oldest first.
 */
public record CaseTimer(Kind kind, String escalationId, Instant dueAt) {

    private static final char SEPARATOR = '|';

    public enum Kind {
        /** The case is still waiting for a person at its SLA due time: it is breached. */
        SLA,
        /** The case left the queue long enough ago: it is removed from the store (the events keep its history). */
        PURGE
    }

    /** The index key: {@code <due epoch millis, 13 digits>|<escalation id>|<kind>}. */
    public String key() {
        return String.format("%013d", dueAt.toEpochMilli()) + SEPARATOR + escalationId + SEPARATOR + kind.name();
    }

    /** The upper bound of the index range that holds every timer due at or before {@code now}. */
    public static String dueBy(Instant now) {
        // '}' sorts after '|', so every key of this millisecond is inside the range
        return String.format("%013d", now.toEpochMilli()) + "}";
    }

    public static CaseTimer parse(String key) {
        int first = key.indexOf(SEPARATOR);
        int last = key.lastIndexOf(SEPARATOR);
        if (first < 0 || last <= first) {
            throw new IllegalArgumentException("not a case timer key: " + key);
        }
        return new CaseTimer(Kind.valueOf(key.substring(last + 1)), key.substring(first + 1, last),
                Instant.ofEpochMilli(Long.parseLong(key.substring(0, first))));
    }
}
