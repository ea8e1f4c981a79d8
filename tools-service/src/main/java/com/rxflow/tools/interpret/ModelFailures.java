package com.rxflow.tools.interpret;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

/**
 * Turns whatever a call to a language model threw into the reason code the conversation acts on.
 * The two providers fail differently (OpenAI's SDK with its own exceptions carrying the HTTP
 * status, Ollama through Spring's RestClient and Spring AI's transient and non-transient
 * exceptions), and a timeout may arrive wrapped in either, so the cause chain is searched for a
 * timeout first, then for an HTTP status, then for an I/O failure.
 *
 * <p>Anything else a model library throws is still the model's service failing, not a fault of
 * this service: it is answered {@code MODEL_UNAVAILABLE} rather than rolled back and dead-lettered.
 * Reasons name the status and the kind of error, never a response body, which may quote the prompt.
 */
final class ModelFailures {

    /** Spring AI's error handler writes the status first: {@code HTTP 429 - {...}} (or {@code 429 - ...}). */
    private static final Pattern STATUS = Pattern.compile("^(?:HTTP )?(\\d{3}) - ");

    private ModelFailures() {
    }

    static ToolFailure classify(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ToolFailure failure) {
                return failure;
            }
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (isTimeout(cause)) {
                return new ToolFailure(FailureCode.MODEL_TIMEOUT,
                        "the language model did not answer in time (" + cause.getClass().getSimpleName() + ")");
            }
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            Integer status = status(cause);
            if (status != null) {
                return byStatus(status);
            }
            if (cause instanceof TransientAiException) {
                return unavailable("the language model's service failed (" + cause.getClass().getSimpleName() + ")");
            }
            if (cause instanceof NonTransientAiException) {
                return new ToolFailure(FailureCode.MODEL_REJECTED,
                        "the language model's service refused the request (" + cause.getClass().getSimpleName() + ")");
            }
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof OpenAIIoException
                    || cause instanceof ResourceAccessException) {
                return unavailable("the language model's service could not be reached (" + kinds(cause) + ")");
            }
        }
        return unavailable("the language model's client failed (" + kinds(thrown) + ")");
    }

    /** The error's type and its innermost cause's, for a reason an operator can act on. */
    private static String kinds(Throwable thrown) {
        Throwable root = thrown;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == thrown ? thrown.getClass().getName()
                : thrown.getClass().getName() + " caused by " + root.getClass().getName();
    }

    /**
     * 429 (rate limit, quota), 408 and 5xx may pass; other client errors (a bad key, an unknown
     * model, a request the server cannot take) will not until the configuration changes.
     */
    static ToolFailure byStatus(int status) {
        if (status == 429 || status == 408 || status >= 500) {
            return unavailable("the language model's service answered HTTP " + status);
        }
        return new ToolFailure(FailureCode.MODEL_REJECTED, "the language model's service refused the request with HTTP " + status);
    }

    private static ToolFailure unavailable(String reason) {
        return new ToolFailure(FailureCode.MODEL_UNAVAILABLE, reason);
    }

    private static boolean isTimeout(Throwable cause) {
        if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof TimeoutException) {
            return true;
        }
        // OkHttp (OpenAI's client) signals its call timeout as InterruptedIOException("timeout"),
        // Netty as ReadTimeoutException, which is no SocketTimeoutException
        String message = cause.getMessage();
        return (cause instanceof InterruptedIOException && message != null && message.toLowerCase(Locale.ROOT).contains("timeout"))
                || cause.getClass().getSimpleName().endsWith("TimeoutException");
    }

    private static Integer status(Throwable cause) {
        if (cause instanceof OpenAIServiceException service) {
            return service.statusCode();
        }
        if (cause instanceof RestClientResponseException response) {
            return response.getStatusCode().value();
        }
        if ((cause instanceof TransientAiException || cause instanceof NonTransientAiException) && cause.getMessage() != null) {
            Matcher matcher = STATUS.matcher(cause.getMessage());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        return null;
    }
}
