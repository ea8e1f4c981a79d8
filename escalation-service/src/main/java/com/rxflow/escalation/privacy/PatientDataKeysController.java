package com.rxflow.escalation.privacy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.AuditUnavailableException;
import com.rxflow.platform.audit.Purpose;

/**
 * Forgetting a patient (crypto-shredding), for privacy officers (role PRIVACY_OFFICER): a tombstone
 * for each of the patient's data keys on the patient-keys topic, the same as {@code rxflow
 * forget-patient}. From then on every PHI field sealed for the patient, on every topic, changelog and
 * backup, reads as erased (docs/security.md). The request is recorded on the audit trail
 * (DATA_KEYS_ERASED, purpose ERASURE) before any key is touched: no audit, no erasure.
 */
@RestController
@RequestMapping(path = "/api/v1/patients", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "privacy", description = "Forgetting a patient (privacy officers only)")
class PatientDataKeysController {

    private static final Logger log = LoggerFactory.getLogger(PatientDataKeysController.class);
    /** As the audit API accepts it. */
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String PROBLEMS = "https://rxflow.dev/problems/";

    private final PatientDataKeys keys;
    private final AuditTrail trail;
    private final Clock clock;

    PatientDataKeysController(PatientDataKeys keys, AuditTrail trail, ObjectProvider<Clock> clock) {
        this.keys = keys;
        this.trail = trail;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(summary = "Forget a patient: erase their data keys", description = "Writes a tombstone for each of "
            + "the patient's data keys on the patient-keys topic. Every service drops the keys within "
            + "rxflow.phi.encryption.refresh-every, and every PHI field sealed for the patient reads as erased "
            + "from then on. Records written while PHI encryption was off are not affected. Repeating the call "
            + "tombstones nothing more.")
    @DeleteMapping("/{patientId}/data-keys")
    ResponseEntity<?> forget(@PathVariable String patientId, Authentication user) {
        if (!PATIENT_ID.matcher(patientId).matches()) {
            return answer(problem(HttpStatus.BAD_REQUEST, "validation", "Invalid patient id",
                    "a patient id is 1 to 64 letters, digits, '_', '.' or '-'"));
        }
        Optional<String> topic = keys.topic();
        if (topic.isEmpty()) {
            return answer(problem(HttpStatus.CONFLICT, "phi-encryption-off",
                    "PHI encryption is off", "patients' data is not sealed with per-patient keys "
                            + "(rxflow.phi.encryption.enabled=false), so there is no key to erase and forgetting "
                            + "a patient cannot work; records written without encryption stay readable"));
        }
        String requestId = UUID.randomUUID().toString();
        trail.record(Actor.staff(user.getName()), patientId, AuditAction.DATA_KEYS_ERASED, Purpose.erasure(requestId),
                topic.get());
        Set<String> tombstoned = keys.forget(patientId);
        log.info("Erasure {} by {}: {} data key(s) tombstoned on {}", requestId, user.getName(), tombstoned.size(),
                topic.get());
        return ResponseEntity.accepted().body(new Erasure(requestId, patientId, topic.get(), List.copyOf(tombstoned),
                user.getName(), Instant.now(clock)));
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable", "Audit trail unavailable",
                "the erasure could not be recorded on the audit trail, so no key was erased"));
    }

    @ExceptionHandler(KafkaException.class)
    ResponseEntity<ProblemDetail> keysUnavailable(KafkaException e) {
        log.warn("Erasure failed: {}", e.getMessage());
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Patient keys unavailable",
                "the patient-keys topic could not be read to its end or a tombstone was not acknowledged; "
                        + "repeat the request (it tombstones whatever key is still live)"));
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ResponseEntity<ProblemDetail> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * What was erased.
     *
     * @param requestId       the id the erasure is recorded under on the audit trail (purpose ERASURE)
     * @param patientId       the patient forgotten
     * @param topic           the patient-keys topic the tombstones were written to
     * @param keyIdsErased    the data keys tombstoned; empty when the patient had none (nothing sealed for
     *                        them, or forgotten already)
     * @param erasedBy        the privacy officer's login
     * @param erasedAt        when the tombstones were acknowledged
     */
    @Schema(description = "The data keys tombstoned for one patient")
    record Erasure(String requestId, String patientId, String topic, List<String> keyIdsErased, String erasedBy,
            Instant erasedAt) {
    }
}
