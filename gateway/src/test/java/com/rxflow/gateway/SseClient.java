package com.rxflow.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Test helper: reads a server-sent event stream as a channel would, collecting every event, until
 * closed. Parses just enough of text/event-stream for the gateway's events (event, id, data).
 */
public final class SseClient implements AutoCloseable {

    /** One event as received. */
    public record Event(String name, String id, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile int status;
    private volatile boolean ended;

    private SseClient(HttpRequest request) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(answer -> {
            status = answer.statusCode();
            read(answer.body());
        });
    }

    /** Opens the stream of a conversation; {@code lastEventId} may be null. */
    public static SseClient open(String baseUrl, String conversationId, String apiKey, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/v1/conversations/" + conversationId + "/stream"))
                .header("Accept", "text/event-stream")
                .header("X-Api-Key", apiKey);
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return new SseClient(request.GET().build());
    }

    /** The HTTP status once the response started, else 0. */
    public int status() {
        return status;
    }

    /** Whether the stream has ended (the server completed it or the connection closed). */
    public boolean ended() {
        return ended;
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    public List<Event> events(String name) {
        return events.stream().filter(event -> event.name().equals(name)).toList();
    }

    private void read(Stream<String> lines) {
        List<String> block = new ArrayList<>();
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    dispatch(block);
                    block.clear();
                } else {
                    block.add(line);
                }
            });
        } catch (RuntimeException closed) {
            // the stream was cancelled or the server went away: what arrived is in events
        }
        ended = true;
    }

    private void dispatch(List<String> block) {
        String name = "message";
        String id = null;
        StringBuilder data = new StringBuilder();
        for (String line : block) {
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "event" -> name = value;
                case "id" -> id = value;
                case "data" -> data.append(data.length() == 0 ? "" : "\n").append(value);
                default -> { }
            }
        }
        if (data.length() > 0) {
            events.add(new Event(name, id, data.toString()));
        }
    }

    @Override
    public void close() throws IOException {
        response.cancel(true);
        response.thenAccept(answer -> answer.body().close());
    }
}
