package com.rxflow.gateway.ratelimit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

import com.rxflow.gateway.auth.Caller;

/**
 * Counts every API request against its caller's limit (a channel key's, or a signed-in patient's). Runs after authentication, so only
 * known keys have buckets and an attacker cannot fill memory with made-up ones.
 */
public class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimits limits;

    public RateLimitInterceptor(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // an async dispatch (the end of a wait or a stream) is the same request: counted once already
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (request.getDispatcherType() != DispatcherType.ASYNC
                && authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            limits.requestOf(caller);
        }
        return true;
    }
}
