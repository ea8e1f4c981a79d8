package com.rxflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.UriComponentsBuilder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The local authorization server over real HTTP, as the web chat, the terminal and a person's browser use it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=auth-server")
@ActiveProfiles("local")
class AuthorizationServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    @LocalServerPort
    private int port;

    private URI issuer;
    private Browser browser;

    @BeforeEach
    void openABrowser() {
        issuer = URI.create("http://localhost:" + port);
        browser = new Browser(issuer);
    }

    @Test
    void publishesItsOpenIdConfigurationWithTheEndpointsTheClientsUse() {
        JsonNode discovery = json(browser.open(issuer.resolve("/.well-known/openid-configuration")));

        assertThat(discovery.get("issuer").asString()).isEqualTo(issuer.toString());
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(issuer + "/oauth2/jwks");
        assertThat(discovery.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(discovery.get("device_authorization_endpoint").asString())
                .isEqualTo(issuer + "/oauth2/device_authorization");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void aPatientSigningInWithTheCodeFlowAndPkceGetsATokenForTheGatewayNamingTheirPatient() {
        Jwt token = decode(signInWithCode("john", "rxflow-local-john"));

        assertThat(token.getSubject()).isEqualTo("john");
        assertThat(token.getClaimAsString("patient_id")).isEqualTo("patient_001");
        assertThat(token.getAudience()).contains("rxflow-gateway", "rxflow-cli");
        assertThat(token.getClaims()).doesNotContainKey("roles");
        assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(token.getHeaders()).containsEntry("alg", "RS256");
    }

    @Test
    void thePharmacistsTokenCarriesTheirRolesAndNoPatient() {
        Jwt token = decode(signInWithCode("pharmacist", "rxflow-local-pharmacist"));

        assertThat(token.getClaimAsStringList("roles")).containsExactly("PHARMACIST");
        assertThat(token.getClaims()).doesNotContainKey("patient_id");
    }

    @Test
    void aWrongPasswordShowsTheFormAgainAndIssuesNoCode() {
        HttpResponse<String> form = browser.open(authorizeUri(challenge("any verifier")));

        HttpResponse<String> answer = browser.signIn(form, "john", "rxflow-local-mary");

        assertThat(answer.uri().toString()).endsWith("/login?error");
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void aCodeCannotBeExchangedWithoutItsVerifier() {
        String verifier = randomVerifier();
        String code = codeFor("mary", "rxflow-local-mary", verifier);

        HttpResponse<String> exchanged = browser.post(issuer.resolve("/oauth2/token"), Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", RxflowClients.CLI_REDIRECT_URI, "client_id", "rxflow-cli",
                "code_verifier", randomVerifier()));

        assertThat(exchanged.statusCode()).isEqualTo(400);
        assertThat(json(exchanged).get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void aTerminalSignsInWithTheDeviceFlowOnceThePersonApprovesItsCodeInTheBrowser() {
        // the authorization server refuses the openid scope in the device flow (no ID token there)
        JsonNode device = json(browser.post(issuer.resolve("/oauth2/device_authorization"),
                Map.of("client_id", "rxflow-cli", "scope", "chat")));
        Map<String, String> poll = Map.of("grant_type", DEVICE_GRANT, "device_code",
                device.get("device_code").asString(), "client_id", "rxflow-cli");
        HttpResponse<String> pending = browser.post(issuer.resolve("/oauth2/token"), poll);
        assertThat(json(pending).get("error").asString()).isEqualTo("authorization_pending");

        Browser person = new Browser(issuer);
        HttpResponse<String> approved = person.signIn(
                person.open(URI.create(device.get("verification_uri_complete").asString())), "mary", "rxflow-local-mary");
        assertThat(approved.body()).contains("Device signed in");

        Jwt token = decode(json(browser.post(issuer.resolve("/oauth2/token"), poll)).get("access_token").asString());
        assertThat(token.getSubject()).isEqualTo("mary");
        assertThat(token.getClaimAsString("patient_id")).isEqualTo("patient_002");
        assertThat(token.getAudience()).contains("rxflow-gateway");
    }

    @Test
    void letsTheWebChatExchangeItsCodeFromTheBrowser() {
        HttpResponse<String> preflight = browser.send(java.net.http.HttpRequest.newBuilder(issuer.resolve("/oauth2/token"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:8080").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build());

        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:8080");
    }

    private String signInWithCode(String username, String password) {
        String verifier = randomVerifier();
        String code = codeFor(username, password, verifier);
        HttpResponse<String> exchanged = browser.post(issuer.resolve("/oauth2/token"), Map.of("grant_type",
                "authorization_code", "code", code, "redirect_uri", RxflowClients.CLI_REDIRECT_URI, "client_id", "rxflow-cli",
                "code_verifier", verifier));
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        return json(exchanged).get("access_token").asString();
    }

    private String codeFor(String username, String password, String verifier) {
        HttpResponse<String> form = browser.open(authorizeUri(challenge(verifier)));
        URI callback = Browser.location(browser.signIn(form, username, password));
        assertThat(callback.toString()).startsWith(RxflowClients.CLI_REDIRECT_URI + "?");
        Map<String, String> query = UriComponentsBuilder.fromUri(callback).build().getQueryParams().toSingleValueMap();
        assertThat(query).containsEntry("state", "s1");
        return query.get("code");
    }

    private URI authorizeUri(String challenge) {
        return UriComponentsBuilder.fromUri(issuer.resolve("/oauth2/authorize")).queryParam("response_type", "code")
                .queryParam("client_id", "rxflow-cli").queryParam("redirect_uri", RxflowClients.CLI_REDIRECT_URI)
                .queryParam("scope", "openid chat").queryParam("state", "s1").queryParam("code_challenge", challenge)
                .queryParam("code_challenge_method", "S256").encode().build().toUri();
    }

    private Jwt decode(String accessToken) {
        Jwt jwt = NimbusJwtDecoder.withJwkSetUri(issuer + "/oauth2/jwks").build().decode(accessToken);
        assertThat(jwt.getIssuer()).hasToString(issuer.toString());
        assertThat(jwt.getExpiresAt()).isAfter(Instant.now());
        return jwt;
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String randomVerifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
