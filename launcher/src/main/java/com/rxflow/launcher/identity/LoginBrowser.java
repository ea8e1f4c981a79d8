package com.rxflow.launcher.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a person's browser does at RxFlow's local sign-in, over the JDK's HTTP client: it keeps the
 * session cookie, follows redirects only within the identity provider (a redirect to a client's
 * callback is read, never visited) and fills in the sign-in form with its CSRF token.
 */
final class LoginBrowser {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** A page: asked for as HTML, so the provider sends a browser to its sign-in form and back afterwards. */
    private static final String HTML = "text/html";
    private static final String JSON = "application/json";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    private final URI provider;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    /** @param provider the identity provider; redirects to its host and port are followed */
    LoginBrowser(URI provider) {
        this.provider = provider;
    }

    /** Opens a page and follows redirects within the provider: the last answer, or the redirect leaving it. */
    HttpResponse<String> open(URI page) throws IOException, InterruptedException {
        return follow(send(request(page, HTML).GET().build()));
    }

    /** Whether a page is the sign-in form. */
    static boolean isSignInForm(HttpResponse<String> page) {
        return page.statusCode() == 200 && CSRF.matcher(page.body()).find() && page.body().contains("name=\"password\"");
    }

    /** A GET of an API (a discovery document), answered in JSON; redirects are not followed. */
    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return send(request(uri, JSON).GET().build());
    }

    /** Fills in the sign-in form {@code form} shows and follows where the provider sends the browser next. */
    HttpResponse<String> signIn(HttpResponse<String> form, String username, String password)
            throws IOException, InterruptedException {
        Matcher csrf = CSRF.matcher(form.body());
        Matcher action = FORM_ACTION.matcher(form.body());
        if (!isSignInForm(form) || !csrf.find() || !action.find()) {
            throw new SignInException("expected the sign-in form at " + form.uri() + " (HTTP " + form.statusCode() + ")");
        }
        return follow(post(form.uri().resolve(action.group(1)),
                Map.of("username", username, "password", password, "_csrf", csrf.group(1)), HTML));
    }

    /** A form POST to an API (a token endpoint), answered in JSON; redirects are not followed. */
    HttpResponse<String> post(URI uri, Map<String, String> form) throws IOException, InterruptedException {
        return post(uri, form, JSON);
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form, String accept)
            throws IOException, InterruptedException {
        return send(request(uri, accept).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build());
    }

    /** Where a redirect points, resolved against the URI it came from; null when it is no redirect. */
    static URI redirect(HttpResponse<?> response) {
        if (response.statusCode() / 100 != 3) {
            return null;
        }
        return response.headers().firstValue("Location").map(response.uri()::resolve).orElse(null);
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        for (int hops = 0; hops < 10; hops++) {
            URI next = redirect(response);
            if (next == null || !isOnProvider(next)) {
                return response;
            }
            response = send(request(next, HTML).GET().build());
        }
        throw new SignInException("too many redirects at " + response.uri());
    }

    private boolean isOnProvider(URI uri) {
        return provider.getHost().equalsIgnoreCase(uri.getHost()) && port(provider) == port(uri);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static HttpRequest.Builder request(URI uri, String accept) {
        return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
