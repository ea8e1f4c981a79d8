package com.rxflow.gateway.auth;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a server-side channel client by its {@code X-Api-Key}. A request without the header
 * goes on (an access token may authenticate it); one with an unknown key, or with both a key and an
 * access token, is refused before its body is read.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final ChannelClients clients;
    private final AuthenticationEntryPoint entryPoint;

    ApiKeyAuthenticationFilter(ChannelClients clients, AuthenticationEntryPoint entryPoint) {
        this.clients = clients;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key == null) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            entryPoint.commence(request, response, new RejectedKeyException(
                    "The request has both an " + HEADER + " header and an Authorization header; send one."));
            return;
        }
        ChannelClient client = clients.authenticate(key).orElse(null);
        if (client == null) {
            entryPoint.commence(request, response,
                    new RejectedKeyException("The " + HEADER + " header does not name a known client."));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new CallerAuthentication(new Caller.Channel(client)));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /** The presented key is not accepted. */
    static final class RejectedKeyException extends AuthenticationException {

        RejectedKeyException(String message) {
            super(message);
        }
    }
}
