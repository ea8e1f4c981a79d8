package com.rxflow.processor.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.processor.conversation.workflow.Timers;
import com.rxflow.processor.conversation.workflow.Timers.Timer;

/**
 * The {@value ConversationTopology#TIMERS_STORE} index kept in step with the conversations' states:
 * what the punctuator finds due. Every write here is a changelog record, so it writes only when a
 * deadline it must honour really changes.
 *
 * <p>A tool call's timeout and the pharmacist-wait notice are indexed at their due time, added and
 * removed as the state gains and loses them. The inactivity deadline moves later with every message
 * and reply, so an exact entry would be deleted and written again on almost every input. It is
 * indexed as a <em>check</em> instead: an entry at a point of a grid whose step is the idle timeout,
 * anchored at the conversation's start, at or before the deadline. Activity that keeps the
 * deadline's grid point writes nothing, and the check stays while the conversation is not idle for a
 * while (tools working, a pharmacist holding it). A check that fires before the deadline moves to
 * the deadline's grid point, or to the deadline itself once that point has passed, so the
 * conversation is closed at the same punctuation as with an exact entry.
 */
final class TimerIndex {

    private final KeyValueStore<String, String> store;
    private final long grainMillis;

    /**
     * @param grain the checks' grid step (the idle timeout); zero indexes the inactivity deadline exactly
     */
    TimerIndex(KeyValueStore<String, String> store, Duration grain) {
        this.store = store;
        this.grainMillis = grain.toMillis();
    }

    /**
     * Brings a conversation's entries in step with a decision that changed its state.
     *
     * @param before the timers of the state before the decision
     * @param after  the timers of the state after it
     * @param anchor where the conversation's check grid starts (its start), or null
     */
    void update(String conversationId, List<Timer> before, List<Timer> after, Instant anchor, Instant now) {
        Set<String> old = exactKeys(conversationId, before);
        Set<String> wanted = exactKeys(conversationId, after);
        for (String key : old) {
            if (!wanted.contains(key)) {
                store.delete(key);
            }
        }
        List<KeyValue<String, String>> added = new ArrayList<>();
        for (String key : wanted) {
            if (!old.contains(key)) {
                added.add(KeyValue.pair(key, conversationId));
            }
        }
        inactivity(after).ifPresent(deadline -> {
            String check = checkKey(conversationId, deadline.dueAt(), anchor, now);
            if (store.get(check) == null) {
                added.add(KeyValue.pair(check, conversationId));
            }
        });
        if (!added.isEmpty()) {
            store.putAll(added);
        }
    }

    /**
     * A check of a conversation's inactivity came due (it has already left the index).
     *
     * @param current the conversation's timers now
     * @return the inactivity timer when it is due now; otherwise empty, and the check is back in
     *         the index at the deadline's grid point if the conversation still has a deadline (if it
     *         has none, its next idle state indexes a check again)
     */
    Optional<Timer> dueInactivity(String conversationId, List<Timer> current, Instant anchor, Instant now) {
        Optional<Timer> deadline = inactivity(current);
        if (deadline.isEmpty() || !deadline.get().dueAt().isAfter(now)) {
            return deadline;
        }
        String check = checkKey(conversationId, deadline.get().dueAt(), anchor, now);
        if (store.get(check) == null) {
            store.put(check, conversationId);
        }
        return Optional.empty();
    }

    /** The grid point at or before the deadline, if it is still ahead; the deadline itself otherwise. */
    String checkKey(String conversationId, Instant deadline, Instant anchor, Instant now) {
        Instant at = deadline;
        if (grainMillis > 0 && anchor != null && !deadline.isBefore(anchor)) {
            long offset = deadline.toEpochMilli() - anchor.toEpochMilli();
            Instant point = anchor.plusMillis(offset - offset % grainMillis);
            if (point.isAfter(now)) {
                at = point;
            }
        }
        return new Timer(Timers.INACTIVITY, "idle", at).key(conversationId);
    }

    private static Set<String> exactKeys(String conversationId, List<Timer> timers) {
        Set<String> keys = new HashSet<>();
        for (Timer timer : timers) {
            if (!isInactivity(timer)) {
                keys.add(timer.key(conversationId));
            }
        }
        return keys;
    }

    private static Optional<Timer> inactivity(List<Timer> timers) {
        return timers.stream().filter(TimerIndex::isInactivity).findFirst();
    }

    static boolean isInactivity(Timer timer) {
        return Timers.INACTIVITY.equals(timer.kind());
    }
}
