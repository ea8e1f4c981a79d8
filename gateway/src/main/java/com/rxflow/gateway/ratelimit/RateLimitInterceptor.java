package com.rxflow.gateway.ratelimit;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

import com.rxflow.gateway.auth.ChannelClient;

/**
 * Counts every API request against its channel key's limit. Runs after authentication, so only
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
        if (request.getDispatcherType() != DispatcherType.ASYNC
                && request.getAttribute(ChannelClient.REQUEST_ATTRIBUTE) instanceof ChannelClient client) {
            limits.requestOf(client);
        }
        return true;
    }
}
