package com.rxflow.processor.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.processor.conversation.workflow.Timers;
import com.rxflow.processor.conversation.workflow.Timers.Timer;
import com.rxflow.processor.conversation.workflow.WorkflowPolicy;

/**
 * The {@value ConversationTopology#TIMERS_STORE} index kept in step with the conversations' states:
 * what the punctuator finds due. Every write here is a changelog record, so it writes only when a
 * deadline it must honour really changes.
 *
 * <p>The pharmacist-wait notice is indexed at its due time, added and removed as the state gains and
 * loses it. The inactivity deadline moves later with every message and reply, and a turn's tool calls
 * come and go within moments, so exact entries for them would be written and removed on almost every
 * input. Each of these two kinds is indexed as a <em>check</em> instead: one entry at a point of a
 * grid (step: the idle timeout, or the tool timeout; from the conversation's start) at or before the
 * earliest deadline of its kind. An input that keeps that grid point writes nothing, and a check
 * whose deadlines went away (the tools answered, a pharmacist holds the conversation) stays until it
 * comes due and then does nothing. A check that comes due fires the timers of its kind that are due
 * and moves to the grid point of the next one, or to that deadline itself once its point has passed,
 * so every timer fires at the same punctuation as with an exact entry.
 */
final class TimerIndex {

    /** The ref of a check's key: it stands for every timer of its kind of the conversation. */
    static final String CHECK = "check";
    private static final Comparator<Timer> DUE_ORDER = Comparator.comparing(Timer::dueAt).thenComparing(Timer::ref);

    private final KeyValueStore<String, String> store;
    /** The kinds indexed as checks, with their grid step in milliseconds (zero: the deadline itself). */
    private final Map<String, Long> grains;

    TimerIndex(KeyValueStore<String, String> store, WorkflowPolicy policy) {
        this(store, Map.of(Timers.INACTIVITY, policy.idleTimeout(), Timers.TOOL_TIMEOUT, policy.toolTimeout()));
    }

    TimerIndex(KeyValueStore<String, String> store, Map<String, Duration> grains) {
        this.store = store;
        this.grains = Map.copyOf(grains.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toMillis())));
    }

    /**
     * Brings a conversation's entries in step with a decision that changed its state.
     *
     * @param before the timers of the state before the decision
     * @param after  the timers of the state after it
     * @param anchor where the conversation's check grids start (its start), or null
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
        for (String kind : grains.keySet()) {
            after.stream().filter(timer -> timer.kind().equals(kind)).min(DUE_ORDER).ifPresent(earliest -> {
                String check = checkKey(conversationId, earliest, anchor, now);
                if (store.get(check) == null) {
                    added.add(KeyValue.pair(check, conversationId));
                }
            });
        }
        if (!added.isEmpty()) {
            store.putAll(added);
        }
    }

    /** Whether a fired index entry is a check (a timer written by an earlier release counts as one). */
    boolean isCheck(Timer fired) {
        return grains.containsKey(fired.kind());
    }

    /**
     * A check came due (it has already left the index): the timers of its kind that are due now, in
     * due order, for the caller to fire; the check is back in the index for the next one not due yet.
     *
     * @param current the conversation's timers now
     */
    List<Timer> due(String conversationId, Timer check, List<Timer> current, Instant anchor, Instant now) {
        List<Timer> ofKind = current.stream().filter(timer -> timer.kind().equals(check.kind())).sorted(DUE_ORDER)
                .toList();
        List<Timer> due = ofKind.stream().filter(timer -> !timer.dueAt().isAfter(now)).toList();
        ofKind.stream().filter(timer -> timer.dueAt().isAfter(now)).findFirst().ifPresent(next -> {
            String key = checkKey(conversationId, next, anchor, now);
            if (store.get(key) == null) {
                store.put(key, conversationId);
            }
        });
        return due;
    }

    /** At the grid point at or before the timer's deadline, if that is still ahead; at the deadline otherwise. */
    private String checkKey(String conversationId, Timer timer, Instant anchor, Instant now) {
        long grain = grains.get(timer.kind());
        Instant at = timer.dueAt();
        if (grain > 0 && anchor != null && !at.isBefore(anchor)) {
            long offset = at.toEpochMilli() - anchor.toEpochMilli();
            Instant point = anchor.plusMillis(offset - offset % grain);
            if (point.isAfter(now)) {
                at = point;
            }
        }
        return new Timer(timer.kind(), CHECK, at).key(conversationId);
    }

    private Set<String> exactKeys(String conversationId, List<Timer> timers) {
        Set<String> keys = new HashSet<>();
        for (Timer timer : timers) {
            if (!isCheck(timer)) {
                keys.add(timer.key(conversationId));
            }
        }
        return keys;
    }
}
