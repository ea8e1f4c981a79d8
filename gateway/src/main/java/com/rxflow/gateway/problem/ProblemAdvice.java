package com.rxflow.gateway.problem;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.PropertyBindingException;

import com.rxflow.gateway.auth.PatientNotAllowedException;
import com.rxflow.gateway.auth.UnauthorizedException;
import com.rxflow.gateway.conversation.ConversationNotFoundException;
import com.rxflow.gateway.ratelimit.RateLimitedException;
import com.rxflow.gateway.validation.ConstraintProblems;
import com.rxflow.platform.audit.AuditUnavailableException;

/**
 * Every error the API returns is an RFC 9457 problem detail with a stable {@code type} per cause
 * and a {@code detail} a developer can act on, never a stack trace. Spring MVC's own exceptions
 * (unreadable JSON, failed validation, unknown paths) are typed the same way as the gateway's.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    /** Seconds a client should wait before retrying after a dependency was unavailable. */
    static final String RETRY_AFTER_SECONDS = "2";

    private static final URI UNTYPED = URI.create("about:blank");

    /** The field bodies once named the patient with; the patient now comes from the caller's identity. */
    private static final String PATIENT_FIELD = "patientId";

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
        return ResponseEntity.status(ProblemType.UNAUTHORIZED.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"")
                .body(ProblemType.UNAUTHORIZED.detail(e.getMessage()));
    }

    @ExceptionHandler(PatientNotAllowedException.class)
    ResponseEntity<ProblemDetail> patientNotAllowed(PatientNotAllowedException e) {
        return ResponseEntity.status(ProblemType.PATIENT_NOT_ALLOWED.status())
                .body(ProblemType.PATIENT_NOT_ALLOWED.detail(e.getMessage()));
    }

    @ExceptionHandler(ConversationNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ConversationNotFoundException e) {
        return ResponseEntity.status(ProblemType.NOT_FOUND.status()).body(ProblemType.NOT_FOUND.detail(e.getMessage()));
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        return ResponseEntity.status(ProblemType.RATE_LIMITED.status())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(ProblemType.RATE_LIMITED.detail(e.getMessage()));
    }

    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(UnavailableException e) {
        log.warn("Answering 503: {}", e.getMessage(), e.getCause());
        return unavailable(e.getMessage());
    }

    /** No audit record, no read: the access could not be recorded, so the data is not served. */
    @ExceptionHandler(AuditUnavailableException.class)
    ResponseEntity<ProblemDetail> auditUnavailable(AuditUnavailableException e) {
        log.warn("Answering 503, the access could not be recorded on the audit trail: {}", e.getMessage());
        return unavailable("The service cannot serve this right now; try again shortly.");
    }

    /** 503 with the problem's detail and when to try again. */
    private static ResponseEntity<ProblemDetail> unavailable(String detail) {
        return ResponseEntity.status(ProblemType.UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemType.UNAVAILABLE.detail(detail));
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ProblemDetail problem = ProblemType.VALIDATION.detail(e.getMessage());
        problem.setProperty("errors", List.of(error(e.field(), e.getMessage(), ProblemType.VALIDATION)));
        return ResponseEntity.status(ProblemType.VALIDATION.status()).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return ResponseEntity.status(ProblemType.INTERNAL.status())
                .body(ProblemType.INTERNAL.detail("The request failed unexpectedly; the gateway's log has the cause."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new Violation(error.getField(), String.valueOf(error.getDefaultMessage()), typeOf(error)))
                .toList();
        return handleExceptionInternal(e, problem(violations), headers, status, request);
    }

    /** Constraints on query parameters and headers (for example a page size out of range). */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Violation> violations = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                violations.add(new Violation(name, String.valueOf(error.getDefaultMessage()), typeOf(error)));
            }
        });
        return handleExceptionInternal(e, problem(violations), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String message = "must be a valid " + (e.getRequiredType() == null ? "value"
                : e.getRequiredType().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        return handleExceptionInternal(e, problem(List.of(new Violation(name, message, ProblemType.VALIDATION))),
                headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemType type = e.getCause() instanceof PropertyBindingException ? ProblemType.UNKNOWN_FIELD
                : ProblemType.INVALID_JSON;
        return handleExceptionInternal(e, type.detail(unreadable(e)), headers, status, request);
    }

    /** Gives Spring MVC's own problem details (untyped, that is about:blank) the type of their status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null || UNTYPED.equals(problem.getType()))) {
            ProblemType.forStatus(status).ifPresent(type -> {
                problem.setType(type.type());
                problem.setTitle(type.title());
            });
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    /**
     * One problem for every violation; its type is the violations' common type, or the general
     * {@link ProblemType#VALIDATION} when they differ (each error still names its own type).
     */
    private static ProblemDetail problem(List<Violation> violations) {
        List<ProblemType> types = violations.stream().map(Violation::type).distinct().toList();
        ProblemType type = types.size() == 1 ? types.get(0) : ProblemType.VALIDATION;
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        ProblemDetail problem = type.detail(detail.isEmpty() ? "The request is invalid." : detail);
        problem.setProperty("errors", violations.stream().map(v -> error(v.field(), v.message(), v.type())).toList());
        return problem;
    }

    private static Map<String, String> error(String field, String message, ProblemType type) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        error.put("type", type.type().toString());
        return error;
    }

    /** The problem type of the violated constraint. */
    private static ProblemType typeOf(MessageSourceResolvable error) {
        if (error instanceof ObjectError object && object.contains(ConstraintViolation.class)) {
            return ConstraintProblems.typeOf(object.unwrap(ConstraintViolation.class).getConstraintDescriptor());
        }
        return ProblemType.VALIDATION;
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(step -> step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** Says what is wrong with the body without echoing parser internals or class names. */
    private static String unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PropertyBindingException unknown && PATIENT_FIELD.equals(unknown.getPropertyName())) {
            return "The body does not name the patient: the patient comes from the access token (Authorization:"
                    + " Bearer) or, for a channel client, from its signed X-Patient-Assertion.";
        }
        if (cause instanceof PropertyBindingException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'; accepted fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ".";
        }
        if (cause instanceof StreamReadException malformed) {
            TokenStreamLocation at = malformed.getLocation();
            return at == null ? "The request body is not valid JSON."
                    : "The request body is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ").";
        }
        if (cause instanceof JacksonException mismatch && !mismatch.getPath().isEmpty()) {
            return "Field '" + path(mismatch) + "' has the wrong type.";
        }
        return cause == null ? "The request body is missing." : "The request body is not the expected JSON object.";
    }

    private record Violation(String field, String message, ProblemType type) {
    }
}
