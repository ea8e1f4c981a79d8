package com.rxflow.load.chaos;

import java.util.Map;
import java.util.Set;

/**
 * Whether each conversation's stored state agrees with its domain events and with the live
 * processor, counting only differences that last.
 *
 * <p>The processor does not stop when the load does: its timers still fire (a conversation left
 * idle closes after 30 minutes, a reminder comes due), and each firing writes a domain event, the
 * changelog and the live store in one transaction. The verifier's three reads, one after the other
 * (the changelog, then the domain events, then the live view), can straddle such a transaction and
 * see a conversation before it on one side and after it on the other. So a conversation that
 * differs is read again after a pause, and only a difference that is still there after every
 * re-read counts. A real divergence (an event without its state, a store that missed a write)
 * does not go away by waiting; a read that straddled a timer does. A run at the scale
 * lasted 47 minutes, long enough for its first conversations to close as idle while the
 * verifier read: 353 conversations differed on that single read, none on the broker's final data.
 */
final class StateCheck {

    /** How often a conversation that differs is read again, at most. */
    static final int REREADS = 3;

    /** How a conversation's stored state differs from what it must agree with. */
    enum Difference {
        /** the changelog holds no state for a conversation that was accepted */
        NOT_STORED("the changelog holds no state for it"),
        /** the changelog's state is not the fold of the conversation's domain events */
        EVENTS("the changelog's state differs from the fold of its domain events"),
        /** the changelog's state is not what the live processor answers */
        LIVE("the changelog's state differs from the live processor's");

        private final String description;

        Difference(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** Reads the given conversations' state afresh and says which of them differ, and how. */
    @FunctionalInterface
    interface Reader {
        Map<String, Difference> differing(Set<String> conversations);
    }

    /**
     * What the reads found: the differences that lasted through every re-read, and how many
     * conversations differed at first and agreed when read again.
     */
    record Outcome(Map<String, Difference> lasting, int settledOnReread) {
    }

    private StateCheck() {
    }

    /** Reads every conversation, then reads again (after {@code pause}) those that differ, up to {@code rereads} times. */
    static Outcome settle(Set<String> conversations, Reader reader, int rereads, Runnable pause) {
        Map<String, Difference> differing = reader.differing(conversations);
        int first = differing.size();
        for (int reread = 0; reread < rereads && !differing.isEmpty(); reread++) {
            pause.run();
            differing = reader.differing(Set.copyOf(differing.keySet()));
        }
        return new Outcome(Map.copyOf(differing), first - differing.size());
    }
}
