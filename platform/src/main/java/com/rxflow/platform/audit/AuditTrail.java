package com.rxflow.platform.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.events.audit.AuditActor;
import com.rxflow.events.audit.AuditActorKind;
import com.rxflow.events.audit.AuditPurpose;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.platform.logging.Pseudonyms;

/**
 * Records who read or changed which patient's data (HIPAA audit controls): one
 * {@link PatientDataAccessed} on audit-access per access, keyed by the patient's pseudonym, from
 * which escalation-service builds the hash-chained audit-log. A patient id never leaves this
 * class in clear: the patient, and a patient actor, are recorded by their {@link Pseudonyms}.
 *
 * <p>Delivery. Inside a Kafka transaction of the caller's template (a tools-service command) the
 * record joins that transaction: it commits with the work it records or not at all. Otherwise
 * (an HTTP read) the call waits for the broker's acknowledgement; when none comes in time, and the
 * trail fails closed (the default), it throws {@link AuditUnavailableException} and the read must
 * not be served. Failing open, it logs and counts the lost record instead.
 */
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final KafkaTemplate<String, PatientDataAccessed> kafka;
    private final String topic;
    private final Pseudonyms pseudonyms;
    private final String service;
    private final boolean failClosed;
    private final Duration timeout;
    private final Clock clock;
    private final Counter unrecorded;

    /**
     * @param topic   the physical name of audit-access
     * @param service the name of the service that serves the accesses, recorded on each
     */
    public AuditTrail(KafkaTemplate<String, PatientDataAccessed> kafka, String topic, Pseudonyms pseudonyms,
            String service, AuditProperties properties, Clock clock, MeterRegistry meters) {
        this.kafka = kafka;
        this.topic = topic;
        this.pseudonyms = pseudonyms;
        this.service = service;
        this.failClosed = properties.failClosed();
        this.timeout = properties.timeout();
        this.clock = clock;
        this.unrecorded = Counter.builder("rxflow.audit.unrecorded")
                .description("Accesses to patient data served although their audit record could not be written")
                .register(meters == null ? new SimpleMeterRegistry() : meters);
    }

    /**
     * Records one access to one patient's data.
     *
     * @param actor     who read or changed it
     * @param patientId whose data, in clear: it is recorded as its pseudonym
     * @param action    what was done
     * @param purpose   the conversation, case or audit it served
     * @param detail    what exactly (a tool's name), or null
     * @return the record as written
     * @throws AuditUnavailableException when it could not be written and the trail fails closed
     */
    public PatientDataAccessed record(Actor actor, String patientId, AuditAction action, Purpose purpose,
            String detail) {
        PatientDataAccessed access = access(actor, patientId, action, purpose, detail);
        if (kafka.isTransactional() && kafka.inTransaction()) {
            kafka.send(topic, access.getPatientPseudonym(), access);
            return access;
        }
        try {
            if (kafka.isTransactional()) {
                kafka.executeInTransaction(template -> template.send(topic, access.getPatientPseudonym(), access))
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                kafka.send(topic, access.getPatientPseudonym(), access).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unrecorded(access, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return unrecorded(access, e);
        }
        return access;
    }

    /** The record of an access, without sending it. */
    PatientDataAccessed access(Actor actor, String patientId, AuditAction action, Purpose purpose, String detail) {
        String actorId = actor.kind() == AuditActorKind.PATIENT ? pseudonyms.of(actor.id()) : actor.id();
        return PatientDataAccessed.newBuilder()
                .setAccessId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setActor(AuditActor.newBuilder().setKind(actor.kind()).setId(actorId).build())
                .setPatientPseudonym(pseudonyms.of(patientId))
                .setAction(action)
                .setDetail(detail)
                .setPurpose(AuditPurpose.newBuilder().setKind(purpose.kind()).setId(purpose.id()).build())
                .setService(service)
                .build();
    }

    /** The pseudonym a patient's accesses are recorded under, for the auditor's query. */
    public String pseudonymOf(String patientId) {
        return pseudonyms.of(patientId);
    }

    private PatientDataAccessed unrecorded(PatientDataAccessed access, Exception cause) {
        if (failClosed) {
            throw new AuditUnavailableException("the access could not be recorded on the audit trail", cause);
        }
        unrecorded.increment();
        log.warn("Access {} ({} of {}) was served without an audit record: {}", access.getAccessId(),
                access.getAction(), access.getPatientPseudonym(), cause.toString());
        return access;
    }
}
