package com.rxflow.tools.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.schemas.event.Metadata;

/**
 * One run of a tool: who asked (the bound patient), under which request id, and when. Tools take
 * time from here, never from a clock of their own, so a run is deterministic given its command.
 *
 * @param patientId the patient the conversation is bound to, from the command's metadata
 * @param requestId the idempotency key of the invocation
 * @param cause     metadata of the command, from which records the tool publishes derive theirs
 * @param now       the instant the tool runs at
 * @param zone      the pharmacy's time zone, in which "today" and opening hours are read
 */
public record Invocation(String patientId, String requestId, EventMetadata cause, Instant now, ZoneId zone) {

    /** The {@code source} of every record this service writes. */
    public static final String SOURCE = "tools-service";

    public LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    /**
     * Metadata of the {@code index}-th record this invocation publishes besides its result (which
     * is index 0), derived from the command's so a re-run yields the same event ids.
     */
    public EventMetadata metadata(int index) {
        return Metadata.causedBy(cause, index, SOURCE, now);
    }
}
