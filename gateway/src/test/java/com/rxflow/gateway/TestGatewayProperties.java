package com.rxflow.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Test data: gateway settings for components built without Spring. */
public final class TestGatewayProperties {

    private TestGatewayProperties() {
    }

    public static GatewayProperties withClients(List<GatewayProperties.Client> clients) {
        return new GatewayProperties(clients, URI.create("http://localhost:8082"), Duration.ofMillis(500),
                new GatewayProperties.ReplyCache(Duration.ofMinutes(5), 100),
                new GatewayProperties.BindingCache(Duration.ofHours(1), 100),
                new GatewayProperties.RateLimits(60, 1200, Duration.ofMinutes(1)),
                new GatewayProperties.Stream(Duration.ofMinutes(30), Duration.ofSeconds(15)),
                new GatewayProperties.WebChat(null, List.of()));
    }

    public static GatewayProperties defaults() {
        return withClients(List.of());
    }
}
