package com.rxflow.escalation.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

import com.rxflow.platform.security.ServiceKeyFilter;

/**
 * Placed after Spring Security's authorization in each chain: a request that gets here was
 * authorized by this service's rules (for example a pharmacist refreshing the feature flags), so
 * the platform's {@link ServiceKeyFilter}, which runs next, does not ask it for the service key too.
 */
final class AuthorizedForPlatform extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ServiceKeyFilter.AUTHORIZED, Boolean.TRUE);
        chain.doFilter(request, response);
    }
}
