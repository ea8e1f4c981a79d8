package com.rxflow.gateway.problem;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The causes the API reports, each with a stable {@code type} URI so clients branch on the type
 * rather than on the wording of {@code detail}. Several causes share a status (every 400 is a
 * bad request), so the type, not the status, says which rule a request broke.
 */
public enum ProblemType {

    /** A field or parameter breaks a rule that has no type of its own (missing, blank, malformed id). */
    VALIDATION(HttpStatus.BAD_REQUEST, "validation", "Invalid request"),
    /** The body is not JSON, not a JSON object, or a field has the wrong JSON type. */
    INVALID_JSON(HttpStatus.BAD_REQUEST, "invalid-json", "Invalid JSON"),
    /** The body names a field the API does not know (a typo would otherwise be silently dropped). */
    UNKNOWN_FIELD(HttpStatus.BAD_REQUEST, "unknown-field", "Unknown field"),
    /** A patient id does not match {@code ^[A-Za-z0-9_]{1,20}$}. */
    INVALID_PATIENT_ID(HttpStatus.BAD_REQUEST, "invalid-patient-id", "Invalid patient id"),
    /** A message is longer than the gateway accepts. */
    MESSAGE_TOO_LONG(HttpStatus.BAD_REQUEST, "message-too-long", "Message too long"),
    /** A message contains control characters (other than tab and line breaks). */
    CONTROL_CHARACTERS(HttpStatus.BAD_REQUEST, "control-characters", "Control characters"),
    /** No credentials, or ones not accepted (an unknown key, a bad access token or patient assertion). */
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized"),
    /** Valid credentials that do not allow the request (an actuator write without the service key). */
    FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),
    /** A channel's patient assertion names a patient outside the patients the channel may serve. */
    PATIENT_NOT_ALLOWED(HttpStatus.FORBIDDEN, "patient-not-allowed", "Patient not allowed"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),
    /** Too many requests for a patient or a channel key; {@code Retry-After} says when to try again. */
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable");

    public static final String BASE = "https://rxflow.dev/problems/";

    private final HttpStatus status;
    private final URI type;
    private final String title;

    ProblemType(HttpStatus status, String slug, String title) {
        this.status = status;
        this.type = URI.create(BASE + slug);
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** A problem detail of this type. */
    public ProblemDetail detail(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** The type Spring MVC's own exceptions of this status are reported as (the first type of the status). */
    static Optional<ProblemType> forStatus(HttpStatusCode status) {
        return Arrays.stream(values()).filter(candidate -> candidate.status.value() == status.value()).findFirst();
    }
}
