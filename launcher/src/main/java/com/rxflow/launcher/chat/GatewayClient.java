package com.rxflow.launcher.chat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few calls of the gateway's chat API the terminal chat makes, over the JDK's HTTP client, so
 * the command starts in a blink and needs no Spring context. Every call carries the signed-in
 * patient's access token ({@code Authorization: Bearer}).
 */
final class GatewayClient {

    private final URI gateway;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    GatewayClient(URI gateway, String accessToken) {
        this.gateway = gateway;
        this.authorization = "Bearer " + accessToken;
    }

    /** An answer of the gateway: its status and JSON body (a problem detail when the status is an error). */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** What a person needs from a problem detail: its detail, or its title, or the status. */
        String problem() {
            if (body != null && body.hasNonNull("detail")) {
                return body.get("detail").asString();
            }
            return body != null && body.hasNonNull("title") ? body.get("title").asString() : "HTTP " + status;
        }
    }

    /** Opens a conversation for the patient the access token names. */
    Answer openConversation() throws IOException, InterruptedException {
        return send(post("/api/v1/conversations", Map.of()).build());
    }

    Answer postMessage(String conversationId, String messageId, String text, int waitSeconds)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = post("/api/v1/conversations/" + conversationId + "/messages",
                Map.of("messageId", messageId, "text", text));
        if (waitSeconds > 0) {
            request.header("Prefer", "wait=" + waitSeconds).timeout(Duration.ofSeconds(waitSeconds + 10L));
        }
        return send(request.build());
    }

    Answer conversation(String conversationId) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(gateway.resolve("/api/v1/conversations/" + conversationId))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build());
    }

    private HttpRequest.Builder post(String path, Map<String, String> body) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        return new Answer(response.statusCode(), body == null || body.isBlank() ? null : json.readTree(body));
    }
}
