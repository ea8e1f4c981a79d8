package com.rxflow.escalation.cases;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.state.EscalationCase;

/**
 * Builds the envelopes of escalation events, so every event's metadata is derived the same way:
 * from the command or action that caused it, or, for a timer, from the case itself.
 */
final class CaseEvents {

    private CaseEvents() {
    }

    /** The {@code index}-th event caused by a command or action with metadata {@code cause}. */
    static EscalationEvent causedBy(EventMetadata cause, int index, Instant now, EscalationEventType type,
            Consumer<EscalationEvent.Builder> payload) {
        EscalationEvent.Builder event = EscalationEvent.newBuilder()
                .setMetadata(Metadata.causedBy(cause, index, CaseDecider.SOURCE, now))
                .setType(type);
        payload.accept(event);
        return event.build();
    }

    /**
     * An event no record caused (a timer fired). Its id is derived from the case and the timer, so
     * firing the same timer again after a crash yields the same event id; its cause is the command
     * that opened the case (whose event id is the escalation id).
     */
    static EscalationEvent ofTimer(EscalationCase stored, CaseTimer timer, Instant now, EscalationEventType type,
            Consumer<EscalationEvent.Builder> payload) {
        String seed = stored.getEscalationId() + "#timer-" + timer.kind() + "-" + timer.dueAt().toEpochMilli();
        EscalationEvent.Builder event = EscalationEvent.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString())
                        .setConversationId(stored.getConversationId())
                        .setPatientId(stored.getPatientId())
                        .setOccurredAt(now)
                        .setCorrelationId(stored.getEscalationId())
                        .setCausationId(stored.getEscalationId())
                        .setSource(CaseDecider.SOURCE)
                        .build())
                .setType(type);
        payload.accept(event);
        return event.build();
    }
}
