package com.rxflow.schemas.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import com.rxflow.events.common.EventMetadata;

/** Builds the metadata every record carries, so causation and correlation are set the same way everywhere. */
public final class Metadata {

    private Metadata() {
    }

    /** Metadata of a record that starts a chain, such as a patient message arriving at a channel. */
    public static EventMetadata start(String conversationId, String patientId, String correlationId,
            String source, Instant occurredAt) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConversationId(conversationId)
                .setPatientId(patientId)
                .setOccurredAt(occurredAt)
                .setCorrelationId(correlationId)
                .setCausationId(null)
                .setSource(source)
                .build();
    }

    /**
     * Metadata of the {@code index}-th record caused by {@code cause}. The event id is derived from
     * the cause's, so processing the same cause again (after a crash, or in a replay) yields the
     * same ids and consumers can deduplicate on them.
     */
    public static EventMetadata causedBy(EventMetadata cause, int index, String source, Instant occurredAt) {
        String seed = cause.getEventId() + "#" + index;
        return EventMetadata.newBuilder(cause)
                .setEventId(UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString())
                .setOccurredAt(occurredAt)
                .setCausationId(cause.getEventId())
                .setSource(source)
                .build();
    }
}
