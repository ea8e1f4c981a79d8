package com.rxflow.gateway.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers {@code 503} with a problem when an access token cannot be checked because the identity
 * provider's keys could not be fetched. Spring Security rethrows that failure rather than calling
 * the entry point (it is not the caller's fault), which would otherwise end as a bare 500.
 */
final class IdentityProviderUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(IdentityProviderUnavailableFilter.class);

    private final ProblemEntryPoint problems;

    IdentityProviderUnavailableFilter(ProblemEntryPoint problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (AuthenticationServiceException e) {
            log.warn("Answering 503: the access token could not be checked: {}", e.getMessage());
            if (!response.isCommitted()) {
                problems.identityProviderUnavailable(request, response);
            }
        }
    }
}
