package com.rxflow.gateway.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Recognises another RxFlow service (or an operator's script) by {@code X-Service-Key}, the shared
 * service credential {@code rxflow.service-key}. Without that property no request is a service,
 * so the actuator's writable endpoints are closed.
 */
final class ServiceKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Service-Key";
    static final String ROLE = "SERVICE";

    private final byte[] serviceKey;

    /** @param serviceKey the configured key; blank or null accepts no request */
    ServiceKeyFilter(String serviceKey) {
        this.serviceKey = serviceKey == null || serviceKey.isBlank() ? null : serviceKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (serviceKey != null && presented != null
                && MessageDigest.isEqual(serviceKey, presented.getBytes(StandardCharsets.UTF_8))) {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("service", null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
            SecurityContextHolder.setContext(context);
        }
        chain.doFilter(request, response);
    }
}
