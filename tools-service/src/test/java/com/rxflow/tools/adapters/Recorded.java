package com.rxflow.tools.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.core.io.ClassPathResource;

/** Recorded responses of the real systems, kept under src/test/resources, and endpoints for the fake servers. */
public final class Recorded {

    private Recorded() {
    }

    public static String body(String resource) {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AdapterProperties.Endpoint endpoint(String baseUrl, Duration readTimeout) {
        return new AdapterProperties.Endpoint(URI.create(baseUrl), Duration.ofSeconds(1), readTimeout);
    }
}
