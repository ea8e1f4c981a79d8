package com.rxflow.escalation.security;

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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates another instance of this service by the shared peer key, for the internal
 * endpoints through which instances read each other's part of the queue.
 */
final class PeerKeyFilter extends OncePerRequestFilter {

    /** The header a peer sends its key in. */
    static final String HEADER = "X-Rxflow-Peer-Key";
    static final String PEER_ROLE = "PEER";

    private final byte[] key;

    PeerKeyFilter(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String sent = request.getHeader(HEADER);
        // constant-time comparison: the time taken tells nothing about how much of a guess was right
        if (sent != null && MessageDigest.isEqual(key, sent.getBytes(StandardCharsets.UTF_8))) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "peer", null, List.of(new SimpleGrantedAuthority("ROLE_" + PEER_ROLE))));
        }
        chain.doFilter(request, response);
    }
}
