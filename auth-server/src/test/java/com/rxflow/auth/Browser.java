package com.rxflow.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser, as far as the tests need one: it keeps cookies, asks for HTML, follows
 * redirects only within the authorization server (so a redirect to a client's callback is read,
 * never visited) and fills in the sign-in form.
 */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final URI server;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Browser(URI server) {
        this.server = server;
    }

    /** Opens a page and follows redirects within the server; the last answer, or the redirect leaving it. */
    HttpResponse<String> open(URI page) {
        return follow(send(HttpRequest.newBuilder(page).header("Accept", "text/html").GET().build()));
    }

    /** Fills in the sign-in form the browser is showing and follows where it leads. */
    HttpResponse<String> signIn(HttpResponse<String> form, String username, String password) {
        Matcher csrf = CSRF.matcher(form.body());
        if (!csrf.find()) {
            throw new AssertionError("not a sign-in form: " + form.uri() + "\n" + form.body());
        }
        return follow(post(server.resolve("/login"),
                Map.of("username", username, "password", password, "_csrf", csrf.group(1))));
    }

    HttpResponse<String> post(URI uri, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static URI location(HttpResponse<?> response) {
        return response.uri().resolve(response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect from " + response.uri())));
    }

    private HttpResponse<String> follow(HttpResponse<String> response) {
        while (response.statusCode() / 100 == 3 && isOnServer(location(response))) {
            response = send(HttpRequest.newBuilder(location(response)).header("Accept", "text/html").GET().build());
        }
        return response;
    }

    private boolean isOnServer(URI uri) {
        return server.getHost().equals(uri.getHost()) && server.getPort() == uri.getPort();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
