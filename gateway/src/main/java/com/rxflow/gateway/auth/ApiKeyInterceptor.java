package com.rxflow.gateway.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Lets an API request through only with the key of a configured channel client, and remembers
 * which client it was. Runs before the request body is read, so an unauthenticated caller learns
 * nothing about the API beyond the 401.
 */
class ApiKeyInterceptor implements HandlerInterceptor {

    static final String HEADER = "X-Api-Key";

    private final ChannelClients clients;

    ApiKeyInterceptor(ChannelClients clients) {
        this.clients = clients;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = request.getHeader(HEADER);
        if (key == null || key.isBlank()) {
            throw new UnauthorizedException("The request has no " + HEADER + " header.");
        }
        ChannelClient client = clients.authenticate(key).orElseThrow(
                () -> new UnauthorizedException("The " + HEADER + " header does not name a known client."));
        request.setAttribute(ChannelClient.REQUEST_ATTRIBUTE, client);
        return true;
    }
}
