package com.rxflow.gateway.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jwt.JWTClaimsSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.client.RestClient;

import com.rxflow.gateway.TestIdentity;
import com.rxflow.gateway.conversation.ConversationBindings;
import com.rxflow.gateway.conversation.ConversationDirectory;
import com.rxflow.gateway.conversation.ConversationStates;
import com.rxflow.gateway.conversation.PatientEventPublisher;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.Purpose;
import com.rxflow.events.audit.AuditAction;

/**
 * Who may open and reach a conversation, over real HTTP with real token validation: access tokens
 * are signed by a stand-in identity provider whose JWKS WireMock serves; channel assertions are
 * signed with the test channel key. The broker and the processor are stand-ins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        // no broker: the publisher is a stand-in and the reply listener stays off
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "rxflow.gateway.binding-lookup-patience=0s",
        "rxflow.service-key=" + PatientIdentityApiTest.SERVICE_KEY})
@ActiveProfiles("local")
class PatientIdentityApiTest {

    static final String SERVICE_KEY = "gateway-identity-test-service-key-0123456789";

    private static final String PROBLEMS = "https://rxflow.dev/problems/";
    private static final String CONVERSATIONS = "/api/v1/conversations";
    private static final ChannelClient LOCAL_SMS = new ChannelClient("local-sms", "sms");
    private static final WireMockServer PROVIDER = startedProvider();

    @LocalServerPort
    private int port;

    @Autowired
    private ConversationBindings bindings;

    @MockitoBean
    private PatientEventPublisher publisher;

    @MockitoBean
    private ConversationDirectory directory;

    /** Records nothing without a broker; the reads below check what it was asked to record. */
    @MockitoBean
    private AuditTrail audit;

    private RestClient http;

    @DynamicPropertySource
    static void identity(DynamicPropertyRegistry registry) {
        registry.add("rxflow.gateway.identity.issuer-uri", PROVIDER::baseUrl);
        TestIdentity.registerLocalClients(registry);
        // local-sms serves P200 and the S-numbers only
        registry.add("rxflow.gateway.clients[1].patients[0]", () -> "P200");
        registry.add("rxflow.gateway.clients[1].patient-pattern", () -> "S[0-9]{3}");
    }

    @BeforeEach
    void client() {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop();
    }

    @Test
    void aPatientsTokenOpensAConversationForThePatientItNames() {
        String conversationId = openAs("P100");

        verify(publisher).conversationOpened(conversationId, "P100", "web", Caller.Patient.WEB_CHAT);
        assertThat(bindings.require(conversationId, new Caller.Patient("P100", "user-P100")).join().patientId())
                .isEqualTo("P100");
    }

    @Test
    void aPatientReadsTheirOwnConversationAndTheReadIsOnTheAuditTrail() {
        String conversationId = openAs("P100");
        given(directory.find(conversationId))
                .willReturn(Optional.of(ConversationStates.boundTo(conversationId, Caller.Patient.WEB_CHAT.id())));

        assertThat(http.get().uri(CONVERSATIONS + "/{id}", conversationId).header(HttpHeaders.AUTHORIZATION,
                bearer("P100")).retrieve().toEntity(String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        verify(audit).record(Actor.patient("P100"), "P100", AuditAction.CONVERSATION_READ,
                Purpose.conversation(conversationId), null);
    }

    @Test
    void anotherPatientsConversationIsNotFoundForReadingTheTranscriptStreamingOrPosting() {
        String conversationId = openAs("P100");
        String otherPatient = bearer("P200");

        assertNotFound(http.get().uri(CONVERSATIONS + "/{id}", conversationId)
                .header(HttpHeaders.AUTHORIZATION, otherPatient).retrieve().toEntity(String.class));
        assertNotFound(http.get().uri(CONVERSATIONS + "/{id}/messages", conversationId)
                .header(HttpHeaders.AUTHORIZATION, otherPatient).retrieve().toEntity(String.class));
        assertNotFound(http.get().uri(CONVERSATIONS + "/{id}/stream", conversationId)
                .header(HttpHeaders.AUTHORIZATION, otherPatient).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().toEntity(String.class));
        assertNotFound(http.post().uri(CONVERSATIONS + "/{id}/messages", conversationId)
                .header(HttpHeaders.AUTHORIZATION, otherPatient).contentType(MediaType.APPLICATION_JSON)
                .body("{\"messageId\":\"m1\",\"text\":\"hello\"}").retrieve().toEntity(String.class));
    }

    @Test
    void aChannelKeyDoesNotReachAConversationAPatientOpened() {
        String conversationId = openAs("P100");

        assertNotFound(http.get().uri(CONVERSATIONS + "/{id}", conversationId)
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY).retrieve().toEntity(String.class));
    }

    @Test
    void aBodyThatNamesThePatientIsRefusedWithAProblemSayingWhereThePatientComesFrom() {
        ResponseEntity<String> refused = http.post().uri(CONVERSATIONS).header(HttpHeaders.AUTHORIZATION, bearer("P100"))
                .contentType(MediaType.APPLICATION_JSON).body("{\"patientId\":\"P200\"}").retrieve().toEntity(String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo(PROBLEMS + "unknown-field");
        assertThat(JsonPath.<String>read(refused.getBody(), "$.detail"))
                .contains("does not name the patient", "access token", "X-Patient-Assertion");
    }

    static Stream<Arguments> refusedTokens() {
        Function<JWTClaimsSet.Builder, String> signed = claims -> "Bearer " + TestIdentity.accessToken(claims.build());
        Instant past = Instant.now().minus(Duration.ofMinutes(30));
        return Stream.of(
                Arguments.of("a token of another issuer", signed.apply(
                        TestIdentity.accessTokenClaims("http://elsewhere.example", "P100"))),
                Arguments.of("an expired token", signed.apply(claims("P100")
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))))),
                Arguments.of("a token for another audience", signed.apply(claims("P100").audience("another-api"))),
                Arguments.of("a token without a patient", signed.apply(claims("P100").claim("patient_id", null))),
                Arguments.of("a token that is not a JWT", "Bearer not-a-token"),
                Arguments.of("a token whose signature was tampered with", bearer("P100").replaceAll(".{4}$", "AAAA")));
    }

    @ParameterizedTest(name = "{0} is unauthorized")
    @MethodSource("refusedTokens")
    void aTokenTheGatewayDoesNotAcceptIsUnauthorized(String what, String authorization) {
        ResponseEntity<String> refused = http.post().uri(CONVERSATIONS).header(HttpHeaders.AUTHORIZATION, authorization)
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);

        assertUnauthorized(refused);
        assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE)).containsExactly("Bearer error=\"invalid_token\"");
    }

    @Test
    void aRequestWithoutCredentialsIsUnauthorizedAndToldBothWays() {
        ResponseEntity<String> refused = http.get().uri(CONVERSATIONS + "/c1").retrieve().toEntity(String.class);

        assertUnauthorized(refused);
        assertThat(refused.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
                .containsExactly("Bearer", "ApiKey header=\"X-Api-Key\"");
    }

    @Test
    void aChannelsAssertionOpensAConversationBoundToThePatientItNames() {
        ResponseEntity<String> opened = openWithAssertion(TestIdentity.assertion("local-sms", "S123"));

        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String conversationId = JsonPath.read(opened.getBody(), "$.conversationId");
        verify(publisher).conversationOpened(conversationId, "S123", "sms", LOCAL_SMS);
        assertThat(bindings.require(conversationId, new Caller.Channel(LOCAL_SMS)).join().patientId()).isEqualTo("S123");
    }

    @Test
    void aChannelMayOpenForAPatientOfItsList() {
        assertThat(openWithAssertion(TestIdentity.assertion("local-sms", "P200")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void anAssertionForAPatientOutsideTheChannelsPatientsIsForbidden() {
        ResponseEntity<String> refused = openWithAssertion(TestIdentity.assertion("local-sms", "P100"));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.type")).isEqualTo(PROBLEMS + "patient-not-allowed");
        verify(publisher, never()).conversationOpened(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aReplayedAssertionIsUnauthorized() {
        String assertion = TestIdentity.assertion("local-sms", "S124");
        assertThat(openWithAssertion(assertion).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> replayed = openWithAssertion(assertion);

        assertUnauthorized(replayed);
        assertThat(JsonPath.<String>read(replayed.getBody(), "$.detail")).contains("was used before");
    }

    static Stream<Arguments> refusedAssertions() {
        Instant past = Instant.now().minus(Duration.ofMinutes(20));
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("an expired assertion", TestIdentity.assertion(TestIdentity.assertionClaims("local-sms", "S125")
                        .issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(2)))).build()),
                        "has expired"),
                Arguments.of("an assertion living longer than five minutes", TestIdentity.assertion(
                        TestIdentity.assertionClaims("local-sms", "S125")
                                .expirationTime(Date.from(now.plus(Duration.ofMinutes(6)))).build()), "lives longer"),
                Arguments.of("an assertion signed with another key", TestIdentity.assertionOfAnotherKey(
                        TestIdentity.assertionClaims("local-sms", "S125").build()), "not signed with the client's key"),
                Arguments.of("an assertion of another client", TestIdentity.assertion("local-dev", "S125"), "'iss'"),
                Arguments.of("an assertion for another audience", TestIdentity.assertion(
                        TestIdentity.assertionClaims("local-sms", "S125").audience("another-api").build()), "'aud'"),
                Arguments.of("an assertion without an id", TestIdentity.assertion(
                        TestIdentity.assertionClaims("local-sms", "S125").jwtID(null).build()), "'jti'"),
                Arguments.of("no assertion", null, "needs the X-Patient-Assertion header"));
    }

    @ParameterizedTest(name = "{0} is unauthorized")
    @MethodSource("refusedAssertions")
    void anAssertionTheGatewayDoesNotAcceptIsUnauthorized(String what, String assertion, String reason) {
        ResponseEntity<String> refused = openWithAssertion(assertion);

        assertUnauthorized(refused);
        assertThat(JsonPath.<String>read(refused.getBody(), "$.detail")).contains(reason);
    }

    private String openAs(String patientId) {
        ResponseEntity<String> opened = http.post().uri(CONVERSATIONS).header(HttpHeaders.AUTHORIZATION, bearer(patientId))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return JsonPath.read(opened.getBody(), "$.conversationId");
    }

    private ResponseEntity<String> openWithAssertion(String assertion) {
        RestClient.RequestBodySpec open = http.post().uri(CONVERSATIONS).header("X-Api-Key", ChannelClients.SMS_DEVELOPMENT_KEY)
                .contentType(MediaType.APPLICATION_JSON).body("{}");
        if (assertion != null) {
            open.header(ChannelAssertionVerifier.HEADER, assertion);
        }
        return open.retrieve().toEntity(String.class);
    }

    private static String bearer(String patientId) {
        return "Bearer " + TestIdentity.accessToken(claims(patientId).build());
    }

    private static JWTClaimsSet.Builder claims(String patientId) {
        return TestIdentity.accessTokenClaims(PROVIDER.baseUrl(), patientId);
    }

    private static void assertNotFound(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(JsonPath.<String>read(response.getBody(), "$.type")).isEqualTo(PROBLEMS + "not-found");
    }

    private static void assertUnauthorized(ResponseEntity<String> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(JsonPath.<String>read(response.getBody(), "$.type")).isEqualTo(PROBLEMS + "unauthorized");
    }

    private static WireMockServer startedProvider() {
        WireMockServer provider = new WireMockServer(options().dynamicPort());
        provider.start();
        provider.stubFor(get("/oauth2/jwks").willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(TestIdentity.jwks())));
        return provider;
    }
}
