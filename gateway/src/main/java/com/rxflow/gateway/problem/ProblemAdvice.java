package com.rxflow.gateway.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.PropertyBindingException;

import com.rxflow.gateway.auth.UnauthorizedException;
import com.rxflow.gateway.conversation.ConversationNotFoundException;

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

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(UnauthorizedException.class)
    ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
        return ResponseEntity.status(ProblemType.UNAUTHORIZED.status())
                .header(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"X-Api-Key\"")
                .body(ProblemType.UNAUTHORIZED.detail(e.getMessage()));
    }

    @ExceptionHandler(ConversationNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(ConversationNotFoundException e) {
        return ResponseEntity.status(ProblemType.NOT_FOUND.status()).body(ProblemType.NOT_FOUND.detail(e.getMessage()));
    }

    @ExceptionHandler(UnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(UnavailableException e) {
        log.warn("Answering 503: {}", e.getMessage(), e.getCause());
        return ResponseEntity.status(ProblemType.UNAVAILABLE.status())
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemType.UNAVAILABLE.detail(e.getMessage()));
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
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemAdvice::describe)
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemType.VALIDATION.detail(detail.isEmpty() ? "The request is invalid." : detail);
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, ProblemType.VALIDATION.detail(unreadable(e)), headers, status, request);
    }

    /** Gives Spring MVC's own problem details (untyped, that is about:blank) the type of their status. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null || UNTYPED.equals(problem.getType()))) {
            ProblemType.forStatus(status).ifPresent(type -> problem.setType(type.type()));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(step -> step.getPropertyName() != null ? step.getPropertyName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String describe(FieldError error) {
        return error.getField() + ": " + error.getDefaultMessage();
    }

    /** Says what is wrong with the body without echoing parser internals or class names. */
    private static String unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
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
}
