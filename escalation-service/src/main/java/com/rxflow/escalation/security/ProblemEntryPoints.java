package com.rxflow.escalation.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The API's answers to a missing login and a missing role, as RFC 9457 problem details like every
 * other API error, instead of the login page the console gets.
 */
final class ProblemEntryPoints {

    private ProblemEntryPoints() {
    }

    /**
     * 401, never with a {@code WWW-Authenticate: Basic} challenge: a browser answers one with its
     * password dialog and then re-sends the credentials with every request to this origin, even
     * one a hostile page makes. API clients send Basic credentials without being asked.
     */
    static AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> write(response, HttpStatus.UNAUTHORIZED, "unauthorized",
                "Sign in: the console's session, or HTTP Basic credentials sent with the request.");
    }

    /**
     * 403 for a signed-in user whose role does not allow the request, or whose request lacks the
     * CSRF token; 401 when nobody is signed in (a write refused for its missing token before
     * anyone was authenticated), since signing in is what is missing then.
     */
    static AccessDeniedHandler forbidden() {
        return (request, response, exception) -> {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated()) {
                unauthorized().commence(request, response, null);
                return;
            }
            write(response, HttpStatus.FORBIDDEN, "forbidden", exception instanceof CsrfException
                    ? "The request carries no valid CSRF token; a signed-in session accepts the console's own "
                            + "requests only."
                    : "Your account's role does not allow this.");
        };
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
