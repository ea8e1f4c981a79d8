package com.rxflow.launcher.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gets an access token for the terminal (client {@value #CLIENT_ID}) from an OpenID Connect
 * provider, found by its issuer's discovery document, in one of two ways:
 * <ul>
 * <li>{@link #withPassword}: the authorization code flow with PKCE, signing in at the provider's form
 * as a browser would and reading the code off the redirect to {@value #REDIRECT_URI}, which is never
 * visited. For RxFlow's local auth-server, whose sign-in form it knows.</li>
 * <li>{@link #withDevice}: the device flow; the person approves a code in any browser, on any
 * provider that offers the device flow.</li>
 * </ul>
 */
public final class SignIn {

    public static final String CLIENT_ID = "rxflow-cli";
    public static final String REDIRECT_URI = "http://127.0.0.1/callback";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** The code flow asks for an ID token too; the device flow cannot (the provider refuses openid there). */
    private static final String CODE_SCOPES = "openid chat";
    private static final String DEVICE_SCOPES = "chat";
    private static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI issuer;

    /** @param issuer the provider's issuer, for example {@code http://localhost:9000} */
    public SignIn(URI issuer) {
        this.issuer = issuer;
    }

    /** What the person needs to approve the terminal's sign-in in a browser. */
    public record DeviceCode(String userCode, URI verificationUri, URI verificationUriComplete) {
    }

    /** Signs {@code username} in with their password; the access token. */
    public String withPassword(String username, String password) throws IOException, InterruptedException {
        JsonNode discovery = discover();
        LoginBrowser browser = new LoginBrowser(issuer);
        String verifier = random();
        String state = random();
        URI authorize = UriComponentsBuilder.fromUriString(discovery.get("authorization_endpoint").asString())
                .queryParam("response_type", "code").queryParam("client_id", CLIENT_ID)
                .queryParam("redirect_uri", REDIRECT_URI).queryParam("scope", CODE_SCOPES).queryParam("state", state)
                .queryParam("code_challenge", challenge(verifier)).queryParam("code_challenge_method", "S256")
                .encode().build().toUri();
        HttpResponse<String> page = browser.open(authorize);
        if (LoginBrowser.isSignInForm(page)) {
            page = browser.signIn(page, username, password);
        }
        Map<String, String> callback = callback(page, username);
        if (callback.containsKey("error")) {
            throw new SignInException("the sign-in server refused: " + callback.get("error")
                    + (callback.containsKey("error_description") ? " (" + callback.get("error_description") + ")" : ""));
        }
        if (!state.equals(callback.get("state"))) {
            throw new SignInException("the sign-in came back with another state than it was sent with");
        }
        return token(browser, discovery, Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "redirect_uri", REDIRECT_URI, "client_id", CLIENT_ID, "code_verifier", verifier));
    }

    /**
     * Signs in with the device flow: {@code show} is handed the code to approve, then the token
     * endpoint is polled as often as the provider allows until the person has approved it.
     */
    public String withDevice(Consumer<DeviceCode> show) throws IOException, InterruptedException {
        JsonNode discovery = discover();
        LoginBrowser client = new LoginBrowser(issuer);
        JsonNode device = json(client.post(endpoint(discovery, "device_authorization_endpoint"),
                Map.of("client_id", CLIENT_ID, "scope", DEVICE_SCOPES)), "the device authorization");
        show.accept(new DeviceCode(device.get("user_code").asString(), URI.create(device.get("verification_uri").asString()),
                device.hasNonNull("verification_uri_complete") ? URI.create(device.get("verification_uri_complete").asString())
                        : null));
        Duration interval = Duration.ofSeconds(device.hasNonNull("interval") ? device.get("interval").asLong() : 5);
        long deadline = System.nanoTime() + Duration.ofSeconds(device.get("expires_in").asLong()).toNanos();
        Map<String, String> poll = Map.of("grant_type", DEVICE_GRANT, "device_code", device.get("device_code").asString(),
                "client_id", CLIENT_ID);
        while (System.nanoTime() < deadline) {
            Thread.sleep(interval.toMillis());
            HttpResponse<String> answer = client.post(endpoint(discovery, "token_endpoint"), poll);
            JsonNode body = JSON.readTree(answer.body());
            if (answer.statusCode() == 200) {
                return body.get("access_token").asString();
            }
            String error = body.path("error").asString("");
            if (error.equals("slow_down")) {
                interval = interval.plus(SLOW_DOWN);
            } else if (!error.equals("authorization_pending")) {
                throw new SignInException("the device sign-in ended: "
                        + (error.isEmpty() ? "HTTP " + answer.statusCode() : error));
            }
        }
        throw new SignInException("the code " + device.get("user_code").asString() + " expired before it was approved");
    }

    private JsonNode discover() throws IOException, InterruptedException {
        URI discovery = URI.create(issuer.toString().replaceAll("/+$", "") + "/.well-known/openid-configuration");
        return json(new LoginBrowser(issuer).get(discovery), "the discovery document at " + discovery);
    }

    private static Map<String, String> callback(HttpResponse<String> page, String username) throws SignInException {
        URI redirect = LoginBrowser.redirect(page);
        if (redirect == null || !redirect.toString().startsWith(REDIRECT_URI + "?")) {
            if (LoginBrowser.isSignInForm(page)) {
                throw new SignInException("the sign-in server refused the password of " + username);
            }
            throw new SignInException("the sign-in did not come back to " + REDIRECT_URI + " (it ended at " + page.uri()
                    + ", HTTP " + page.statusCode() + ")");
        }
        return UriComponentsBuilder.fromUri(redirect).build().getQueryParams().toSingleValueMap();
    }

    private static String token(LoginBrowser browser, JsonNode discovery, Map<String, String> request)
            throws IOException, InterruptedException {
        return json(browser.post(endpoint(discovery, "token_endpoint"), request), "the token request")
                .get("access_token").asString();
    }

    private static URI endpoint(JsonNode discovery, String name) throws SignInException {
        if (!discovery.hasNonNull(name)) {
            throw new SignInException("the sign-in server offers no " + name);
        }
        return URI.create(discovery.get(name).asString());
    }

    private static JsonNode json(HttpResponse<String> response, String what) throws SignInException {
        if (response.statusCode() != 200) {
            throw new SignInException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
