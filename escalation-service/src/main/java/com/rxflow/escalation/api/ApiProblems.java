package com.rxflow.escalation.api;

import java.net.URI;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.rxflow.escalation.query.CaseNotFoundException;
import com.rxflow.platform.audit.AuditUnavailableException;
import com.rxflow.escalation.query.QueueUnavailableException;

/**
 * Every API error as an RFC 9457 problem detail with a stable {@code type} per cause, so a pharmacy
 * system can tell "someone else has the case" from "try again" without reading sentences.
 */
@RestControllerAdvice(assignableTypes = CasesController.class)
// ahead of Spring MVC's own problem details handler, which would answer with type about:blank
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems {

    static final String BASE = "https://rxflow.dev/problems/";
    private static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(CaseNotFoundException.class)
    ProblemDetail notFound(CaseNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "No such case", e.getMessage());
    }

    @ExceptionHandler(ActionRefusedException.class)
    ProblemDetail refused(ActionRefusedException e) {
        ProblemDetail problem = switch (e.problem()) {
            case "ALREADY_CLAIMED" -> problem(HttpStatus.CONFLICT, "case-claimed", "Case already claimed", e.getMessage());
            case "NOT_OWNER" -> problem(HttpStatus.CONFLICT, "not-case-owner", "Not your case", e.getMessage());
            case "CASE_FINISHED" -> problem(HttpStatus.CONFLICT, "case-finished", "Case no longer in the queue",
                    e.getMessage());
            case "WRONG_ROUTE" -> problem(HttpStatus.UNPROCESSABLE_CONTENT, "wrong-route",
                    "Not an action for this case's route", e.getMessage());
            default -> problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-action", "Invalid action", e.getMessage());
        };
        if (e.current().owner() != null) {
            problem.setProperty("claimedBy", e.current().owner());
        }
        problem.setProperty("caseStatus", e.current().status());
        return problem;
    }

    @ExceptionHandler(ActionPendingException.class)
    ResponseEntity<ProblemDetail> pending(ActionPendingException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "action-pending", "Outcome not known yet",
                e.getMessage());
        problem.setProperty("actionId", e.actionId());
        return retryLater(problem);
    }

    @ExceptionHandler(QueueUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(QueueUnavailableException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Queue unavailable", e.getMessage()));
    }

    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
        return retryLater(problem(HttpStatus.SERVICE_UNAVAILABLE, "audit-unavailable", "Audit trail unavailable",
                "the access could not be recorded on the audit trail, so it is not served"));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalid(MethodArgumentNotValidException e) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.getField() + ": " + error.getDefaultMessage()).sorted()
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", detail);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-json", "Unreadable body",
                "the body is not the JSON this operation takes");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", e.getName() + " has an invalid value");
    }

    @ExceptionHandler(InvalidIdempotencyKeyException.class)
    ProblemDetail idempotencyKey(InvalidIdempotencyKeyException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key", e.getMessage());
    }

    @ExceptionHandler(InvalidStatusFilterException.class)
    ProblemDetail statusFilter(InvalidStatusFilterException e) {
        return problem(HttpStatus.BAD_REQUEST, "validation", "Invalid request", e.getMessage());
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + type));
        problem.setTitle(title);
        return problem;
    }
}
