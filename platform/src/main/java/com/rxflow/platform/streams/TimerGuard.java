package com.rxflow.platform.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;

import com.rxflow.platform.kafka.DeadLetters;

/**
 * Fires the due timers of a punctuation one at a time, each in a guard of its own, so that one
 * timer that throws neither skips the others of its punctuation nor reaches Kafka Streams (where,
 * under exactly-once, the failed punctuation would abort, the timer would come back with the task
 * and stop each instance that takes the partition over).
 *
 * <p>A timer that fails is dead-lettered once: a record keyed by its index key, whose value is the
 * index entry's value, with the failure's {@linkplain Failure type} in {@value #REASON_CODE_HEADER},
 * the innermost cause in {@link DeadLetters#REASON_HEADER} and the index it came from in
 * {@value #TIMER_STORE_HEADER}. The caller removes the timer from its index before firing it, so
 * under exactly-once the removal and the dead letter commit together and the timer never comes back.
 *
 * <p>Kafka's own exceptions (a task that migrated, a fenced producer) are not a timer's fault and
 * pass through to Kafka Streams unchanged.
 */
public final class TimerGuard {

    /** Header with the {@link Failure} of a dead-lettered timer. */
    public static final String REASON_CODE_HEADER = DeadLetters.REASON_CODE_HEADER;
    /** Header with the name of the timer index a dead-lettered timer was read from. */
    public static final String TIMER_STORE_HEADER = "rxflow-dlt-timer-store";

    /** Why a timer was dead-lettered. */
    public enum Failure {
        /** Its index key could not be read: a corrupt entry, or one written by another release. */
        TIMER_KEY_UNREADABLE,
        /** It was read, and firing it threw. */
        TIMER_FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(TimerGuard.class);

    private final String store;
    private final Consumer<Record<String, byte[]>> deadLetters;

    /**
     * @param store       the timer index the keys come from, named in the dead letters
     * @param deadLetters forwards a dead letter to the service's dead-letter sink (inside the task's transaction)
     */
    public TimerGuard(String store, Consumer<Record<String, byte[]>> deadLetters) {
        this.store = store;
        this.deadLetters = deadLetters;
    }

    /**
     * Fires the timers of an index that are due: the index's keys start with the zero-padded due
     * time, so the range up to {@code dueBy} is exactly those, oldest first. At most {@code max} per
     * call, so one punctuation never stalls the thread. Each leaves the index before it fires, so a
     * failed one does not come back.
     *
     * @param index the timer index (key: due time first; value: what the timer belongs to)
     * @param dueBy the highest key that is due now
     */
    public <T> void fireDue(KeyValueStore<String, String> index, String dueBy, int max, Instant now,
            Function<String, T> read, Consumer<T> fire) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> range = index.range("0", dueBy)) {
            while (range.hasNext() && due.size() < max) {
                due.add(range.next());
            }
        }
        for (KeyValue<String, String> entry : due) {
            index.delete(entry.key);
            fire(entry.key, entry.value, now, read, fire);
        }
    }

    /**
     * Reads and fires one timer.
     *
     * @param key        the timer's index key
     * @param indexValue the index entry's value (what the timer belongs to), or null
     * @param now        when it fires; the dead letter's timestamp
     * @param read       reads the key; throws when it cannot
     * @param fire       fires the timer read
     * @return true if the timer fired, false if it was dead-lettered
     */
    public <T> boolean fire(String key, String indexValue, Instant now, Function<String, T> read, Consumer<T> fire) {
        T timer;
        try {
            timer = read.apply(key);
        } catch (RuntimeException failure) {
            deadLetter(key, indexValue, now, Failure.TIMER_KEY_UNREADABLE, failure);
            return false;
        }
        try {
            fire.accept(timer);
            return true;
        } catch (RuntimeException failure) {
            deadLetter(key, indexValue, now, Failure.TIMER_FAILED, failure);
            return false;
        }
    }

    private void deadLetter(String key, String indexValue, Instant now, Failure reason, RuntimeException failure) {
        if (failure instanceof KafkaException) {
            throw failure;
        }
        String cause = DeadLetters.rootCauseMessage(failure);
        log.warn("Timer {} of {} failed ({}): {}; it is removed from the index and dead-lettered", key, store,
                reason, cause);
        RecordHeaders headers = new RecordHeaders();
        headers.add(REASON_CODE_HEADER, bytes(reason.name()));
        headers.add(DeadLetters.REASON_HEADER, bytes(cause));
        headers.add(TIMER_STORE_HEADER, bytes(store));
        headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, bytes(failure.getClass().getName()));
        headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, bytes(String.valueOf(failure.getMessage())));
        deadLetters.accept(new Record<>(key, indexValue == null ? null : bytes(indexValue), now.toEpochMilli(),
                headers));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
