package com.rxflow.processor.conversation.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationFact;
import com.rxflow.state.PendingWork;

/**
 * A conversation's timers, derived from its state alone (so they need no events of their own and a
 * replay rebuilds them): inactivity, one per pending tool call, and the pharmacist-wait notice.
 */
public final class Timers {

    public static final String INACTIVITY = "INACTIVITY";
    public static final String TOOL_TIMEOUT = "TOOL_TIMEOUT";
    public static final String PHARMACIST_WAIT = "PHARMACIST_WAIT";

    /** One timer; {@code ref} tells timers of one kind apart (request id and attempt, escalation id). */
    public record Timer(String kind, String ref, Instant dueAt) {

        /** The timer index key: due time first, so a range scan up to now finds exactly the due timers. */
        public String key(String conversationId) {
            return String.format("%013d|%s|%s|%s", dueAt.toEpochMilli(), conversationId, kind, ref);
        }

        public static Timer parse(String key) {
            String[] parts = key.split("\\|", 4);
            return new Timer(parts[2], parts[3], Instant.ofEpochMilli(Long.parseLong(parts[0])));
        }

        public static String conversationOf(String key) {
            return key.split("\\|", 4)[1];
        }
    }

    private Timers() {
    }

    /**
     * How long the conversation waits for one attempt of a call made for {@code purpose}. The
     * attempt's timer fires at its request time plus this, and the command carries the same instant
     * as its deadline, so tools-service knows when nobody waits for it any more.
     */
    static Duration patience(String purpose, WorkflowPolicy policy) {
        return ModelInterpretation.PURPOSES.contains(purpose) ? policy.modelTimeout() : policy.toolTimeout();
    }

    public static List<Timer> of(ConversationSnapshot snapshot, WorkflowPolicy policy) {
        List<Timer> timers = new ArrayList<>();
        if (snapshot == null) {
            return timers;
        }
        for (PendingWork pending : snapshot.getPending()) {
            timers.add(new Timer(TOOL_TIMEOUT, pending.getId() + "#" + pending.getAttempt(),
                    pending.getRequestedAt().plus(patience(pending.getPurpose(), policy))));
        }
        EscalationFact hold = Holds.active(snapshot);
        if (hold != null && EventCodes.status(hold) == EscalationStatus.OPENED && !hold.getWaitNoticeSent()) {
            timers.add(new Timer(PHARMACIST_WAIT, hold.getEscalationId(),
                    hold.getRequestedAt().plus(policy.pharmacistWaitNotice())));
        }
        boolean idle = hold == null && snapshot.getPending().isEmpty() && snapshot.getDeferred().isEmpty()
                && !Steps.CLOSED.name().equals(snapshot.getStep());
        if (idle && snapshot.getLastActivityAt() != null) {
            timers.add(new Timer(INACTIVITY, "idle", snapshot.getLastActivityAt().plus(policy.idleTimeout())));
        }
        return timers;
    }
}
