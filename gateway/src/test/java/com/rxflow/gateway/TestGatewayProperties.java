package com.rxflow.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Test data: gateway settings for components built without Spring. */
public final class TestGatewayProperties {

    private TestGatewayProperties() {
    }

    public static GatewayProperties withClients(List<GatewayProperties.Client> clients) {
        return new GatewayProperties(identity(), clients, URI.create("http://localhost:8082"), Duration.ofMillis(500),
                new GatewayProperties.ReplyCache(Duration.ofMinutes(5), 100),
                new GatewayProperties.BindingCache(Duration.ofHours(1), 100),
                new GatewayProperties.RateLimits(60, 1200, Duration.ofMinutes(1)),
                new GatewayProperties.Stream(Duration.ofMinutes(30), Duration.ofSeconds(15), 4, 200, 64, 16));
    }

    /** The local identity provider's settings, with the contract's defaults. */
    public static GatewayProperties.Identity identity() {
        return new GatewayProperties.Identity(URI.create("http://localhost:9000"), null, "rxflow-gateway",
                "patient_id", "rxflow-web-chat");
    }

    /** A client with a key only: it authenticates, but cannot open conversations (no assertion key). */
    public static GatewayProperties.Client client(String id, String channel, String keySha256) {
        return new GatewayProperties.Client(id, channel, keySha256, null, List.of(), null);
    }

    public static GatewayProperties defaults() {
        return withClients(List.of());
    }
}
