package com.rxflow.gateway.webchat;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser-side defences for everything the gateway serves. The web chat never turns data into
 * markup, and this is the second line should a mistake ever slip in: a Content Security Policy that
 * runs only the gateway's own scripts (no inline script, no eval, no other origin), no framing, no
 * MIME sniffing (a reply is JSON, never HTML) and no referrer. Swagger UI's pages keep their own
 * rules, as its bundle needs inline styles.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (!request.getRequestURI().startsWith("/swagger-ui")) {
            response.setHeader("Content-Security-Policy", POLICY);
        }
        chain.doFilter(request, response);
    }
}
