package com.rxflow.tools.adapters;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import com.rxflow.tools.registry.FailureCode;
import com.rxflow.tools.registry.ToolFailure;

/**
 * GET requests to a system the tools depend on, with a connect and a read timeout. A system that
 * does not answer in time, cannot be reached or answers with a server error is UNAVAILABLE (a
 * retryable failure the runner retries with backoff); 404 is "no such thing".
 */
public final class JsonHttp {

    private final HttpClient client;
    private final AdapterProperties.Endpoint endpoint;
    private final String accept;

    public JsonHttp(AdapterProperties.Endpoint endpoint, String accept) {
        this.endpoint = endpoint;
        this.accept = accept;
        this.client = HttpClient.newBuilder().connectTimeout(endpoint.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The body of {@code base + path}, or empty for 404. */
    public Optional<String> get(String pathAndQuery) {
        return getAbsolute(URI.create(endpoint.baseUrl() + pathAndQuery));
    }

    /** The body at an absolute URI (a paging link), or empty for 404. */
    public Optional<String> getAbsolute(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(endpoint.readTimeout())
                .header("Accept", accept).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() / 100 != 2) {
                throw new ToolFailure(FailureCode.UNAVAILABLE, uri.getHost() + " answered " + response.statusCode()
                        + " to " + uri.getPath());
            }
            return Optional.of(response.body());
        } catch (IOException e) {
            throw new ToolFailure(FailureCode.UNAVAILABLE, uri.getHost() + " did not answer " + uri.getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolFailure(FailureCode.UNAVAILABLE, "interrupted while waiting for " + uri.getHost(), e);
        }
    }

    public URI baseUrl() {
        return endpoint.baseUrl();
    }
}
