package com.rxflow.gateway.webchat;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.rxflow.gateway.GatewayProperties;

/**
 * Browser-side defences for everything the gateway serves. The web chat never turns data into
 * markup, and this is the second line should a mistake ever slip in: a Content Security Policy that
 * runs only the gateway's own scripts (no inline script, no eval, no other origin), no framing, no
 * MIME sniffing (a reply is JSON, never HTML) and no referrer. The one other origin the page talks
 * to is the identity provider (discovery and the token exchange of the patient's sign-in). Swagger
 * UI's pages keep their own rules, as its bundle needs inline styles.
 */
@Component
class SecurityHeadersFilter extends OncePerRequestFilter {

    private final String policy;

    SecurityHeadersFilter(GatewayProperties properties) {
        this.policy = policy(properties.identity().issuerUri());
    }

    static String policy(URI issuer) {
        String identityProvider = issuer.getScheme() + "://" + issuer.getRawAuthority();
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                + " connect-src 'self' " + identityProvider + "; font-src 'self'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (!request.getRequestURI().startsWith("/swagger-ui")) {
            response.setHeader("Content-Security-Policy", policy);
        }
        chain.doFilter(request, response);
    }
}
