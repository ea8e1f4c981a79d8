package com.rxflow.gateway.auth;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

import com.rxflow.gateway.problem.ProblemType;

/**
 * The answer to a request without valid credentials: a 401 problem detail like every other API
 * error, with the challenge that fits what was presented (an access token that failed gets
 * {@code Bearer error="invalid_token"}, an unknown key the API-key challenge, nothing both).
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String API_KEY_CHALLENGE = "ApiKey header=\"" + ApiKeyAuthenticationFilter.HEADER + "\"";
    static final String BEARER_CHALLENGE = "Bearer";

    private final JsonMapper json;

    ProblemEntryPoint(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        String detail;
        if (failure instanceof OAuth2AuthenticationException token) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE + " error=\"invalid_token\"");
            String description = token.getError().getDescription();
            detail = "The access token is not accepted" + (description == null ? "." : ": " + description);
        } else if (failure instanceof ApiKeyAuthenticationFilter.RejectedKeyException rejected) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, API_KEY_CHALLENGE);
            detail = rejected.getMessage();
        } else {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE);
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, API_KEY_CHALLENGE);
            detail = "The request has no credentials: a patient's access token (Authorization: Bearer) or a channel"
                    + " client's " + ApiKeyAuthenticationFilter.HEADER + " header.";
        }
        write(request, response, ProblemType.UNAUTHORIZED, detail);
    }

    /** A credential that is valid but not for this request. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        write(request, response, ProblemType.FORBIDDEN, "This credential does not allow the request.");
    }

    /**
     * The identity provider could not be asked for its keys (down, slow, unreachable): the token may
     * well be good, so the caller is told to try again rather than that it is not signed in.
     */
    void identityProviderUnavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        write(request, response, ProblemType.UNAVAILABLE,
                "The sign-in service cannot be reached to check the access token; try again shortly.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.type().toString());
        problem.put("title", type.title());
        problem.put("status", type.status().value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(type.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
