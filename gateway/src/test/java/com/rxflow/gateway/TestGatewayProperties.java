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
                new GatewayProperties.BindingCache(Duration.ofHours(1), 100));
    }

    public static GatewayProperties defaults() {
        return withClients(List.of());
    }
}
