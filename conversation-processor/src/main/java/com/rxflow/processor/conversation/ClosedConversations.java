package com.rxflow.processor.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.state.ConversationSnapshot;

/**
 * Takes closed conversations out of the store once their retention has passed: the delete writes a
 * tombstone to the store's changelog, so the conversation leaves the changelog at its next
 * compaction, and no restored or standby store brings it back. The conversation's facts stay on
 * the domain log ({@code rxflow.conversation-events}) for that topic's retention.
 *
 * <p>A wall-clock punctuator sweeps the store a slice at a time ({@value #MAX_PER_SWEEP} entries
 * per sweep, continuing where the last sweep stopped), so no punctuation stalls the stream thread
 * however large the store. A conversation is deleted when its step is CLOSED, it has no timers
 * left (so the timer index holds nothing of it) and its last change is older than the retention.
 * A message for a deleted conversation is a message for an unknown conversation.
 */
public final class ClosedConversations {

    /** How long a closed conversation stays in the store, and how often the store is swept for them. */
    public record Retention(Duration retention, Duration sweepInterval) {

        /** Thirty days, swept every minute. */
        public static final Retention DEFAULT = new Retention(Duration.ofDays(30), Duration.ofMinutes(1));

        public Retention {
            Objects.requireNonNull(retention, "retention");
            Objects.requireNonNull(sweepInterval, "sweepInterval");
        }
    }

    /** Entries of the store looked at per sweep. */
    static final int MAX_PER_SWEEP = 1000;

    private static final Logger log = LoggerFactory.getLogger(ClosedConversations.class);

    private final KeyValueStore<String, ConversationSnapshot> store;
    private final ConversationWorkflow workflow;
    private final Duration retention;
    /** The key the next sweep starts at; null to start at the first. */
    private String next;

    ClosedConversations(KeyValueStore<String, ConversationSnapshot> store, ConversationWorkflow workflow,
            Duration retention) {
        this.store = store;
        this.workflow = workflow;
        this.retention = retention;
    }

    /** Looks at the next slice of the store and deletes the closed conversations past retention; returns how many. */
    int sweep(Instant now) {
        List<String> expired = new ArrayList<>();
        String resume = null;
        try (KeyValueIterator<String, ConversationSnapshot> slice = store.range(next, null)) {
            int seen = 0;
            while (slice.hasNext()) {
                KeyValue<String, ConversationSnapshot> entry = slice.next();
                if (seen++ == MAX_PER_SWEEP) {
                    resume = entry.key;
                    break;
                }
                if (expired(entry.value, now)) {
                    expired.add(entry.key);
                }
            }
        }
        next = resume;
        for (String conversationId : expired) {
            store.delete(conversationId);
        }
        if (!expired.isEmpty()) {
            log.debug("Deleted {} closed conversations older than {} from the store", expired.size(), retention);
        }
        return expired.size();
    }

    private boolean expired(ConversationSnapshot snapshot, Instant now) {
        return snapshot != null && !ConversationMeters.open(snapshot) && workflow.timers(snapshot).isEmpty()
                && !snapshot.getUpdatedAt().plus(retention).isAfter(now);
    }
}
