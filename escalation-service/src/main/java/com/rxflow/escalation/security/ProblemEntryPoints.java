package com.rxflow.escalation.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's answers to a missing login and a missing role, as RFC 9457 problem details like every
 * other API error, instead of the login page the console gets.
 */
final class ProblemEntryPoints {

    static final String REALM = "RxFlow pharmacists";

    private ProblemEntryPoints() {
    }

    /**
     * 401; with a {@code WWW-Authenticate: Basic} challenge for API clients, but not for the console's
     * own scripts (which say {@code X-Requested-With}), so a browser never pops up its password dialog.
     */
    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            }
            write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Sign in: the console's session, or HTTP Basic with a pharmacist account.");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(response, HttpStatus.FORBIDDEN, "forbidden",
                "Your account's role does not allow this.");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String type, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // fixed texts only, so nothing here needs escaping
        response.getWriter().write("{\"type\":\"https://rxflow.dev/problems/" + type + "\",\"title\":\""
                + status.getReasonPhrase() + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
