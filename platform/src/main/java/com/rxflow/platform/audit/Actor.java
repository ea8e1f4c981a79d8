package com.rxflow.platform.audit;

import java.util.Objects;

import com.rxflow.events.audit.AuditActorKind;

/**
 * Who read or changed a patient's data, for {@link AuditTrail#record}.
 *
 * @param kind a patient, a member of staff, a channel client or a service
 * @param id   the staff login, the channel's client id, the service's name; for a patient their
 *             patient id, which {@link AuditTrail} records as its pseudonym only
 */
public record Actor(AuditActorKind kind, String id) {

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    /** The patient themself (recorded by pseudonym, never by id). */
    public static Actor patient(String patientId) {
        return new Actor(AuditActorKind.PATIENT, patientId);
    }

    /** A member of staff, by login. */
    public static Actor staff(String username) {
        return new Actor(AuditActorKind.STAFF, username);
    }

    /** A channel client acting for a patient, by client id. */
    public static Actor channel(String clientId) {
        return new Actor(AuditActorKind.CHANNEL, clientId);
    }

    /** A service, by name. */
    public static Actor service(String name) {
        return new Actor(AuditActorKind.SERVICE, name);
    }
}
