package com.rxflow.escalation.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import com.rxflow.platform.security.ServiceKey;

/**
 * Authenticates another RxFlow service (a peer instance of this one listing the cases it holds,
 * or an operator's tooling refreshing the feature flags) by the platform's service key.
 */
final class ServiceKeyAuthentication extends OncePerRequestFilter {

    static final String SERVICE_ROLE = "SERVICE";

    private final ServiceKey key;

    ServiceKeyAuthentication(ServiceKey key) {
        this.key = key;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // compared in constant time by ServiceKey
        if (key.matches(request.getHeader(ServiceKey.HEADER))) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "rxflow-service", null, List.of(new SimpleGrantedAuthority("ROLE_" + SERVICE_ROLE))));
        }
        chain.doFilter(request, response);
    }
}
