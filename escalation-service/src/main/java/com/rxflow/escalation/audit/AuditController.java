package com.rxflow.escalation.audit;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.AuditUnavailableException;
import com.rxflow.platform.audit.Purpose;

/**
 * The auditors' API (role AUDITOR): who read or changed one patient's data. The patient is named by
 * id; the trail knows them by pseudonym only, which is computed here with the deployment's
 * pseudonym key. Reading a patient's accesses is an access too, recorded as AUDIT_READ before the
 * answer leaves (no audit, no read).
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "audit", description = "Who read or changed a patient's data (auditors only)")
class AuditController {

    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String PROBLEMS = "https://rxflow.dev/problems/";

    private final AuditQueries queries;
    private final AuditTrail trail;

    AuditController(AuditQueries queries, AuditTrail trail) {
        this.queries = queries;
        this.trail = trail;
    }

    @Operation(summary = "One patient's accesses, newest first", description = "Every recorded read or change of "
            + "the patient's data, with its place in the hash chain (verify the chain with `rxflow audit verify`).")
    @GetMapping("/patients/{patientId}/accesses")
    ResponseEntity<?> accesses(@PathVariable String patientId, Authentication user) {
        if (!PATIENT_ID.matcher(patientId).matches()) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "validation", "Invalid patient id",
                    "a patient id is 1 to 64 letters, digits, '_', '.' or '-'"));
        }
        String pseudonym = trail.pseudonymOf(patientId);
        List<AccessView> accesses = queries.accesses(pseudonym);
        String queryId = UUID.randomUUID().toString();
        trail.record(Actor.staff(user.getName()), patientId, AuditAction.AUDIT_READ, Purpose.audit(queryId), null);
        return ResponseEntity.ok(new AccessPage(pseudonym, queryId, accesses));
    }

    @ExceptionHandler({AuditLogUnavailableException.class, AuditUnavailableException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable", "Audit trail unavailable",
                        e.getMessage()));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + type));
        problem.setTitle(title);
        return problem;
    }

    /**
     * A patient's accesses.
     *
     * @param patientPseudonym the pseudonym the trail knows the patient by
     * @param queryId          the id this read was recorded under (purpose AUDIT)
     * @param accesses         newest first
     */
    @Schema(description = "One patient's accesses, newest first")
    record AccessPage(String patientPseudonym, String queryId, List<AccessView> accesses) {
    }
}
