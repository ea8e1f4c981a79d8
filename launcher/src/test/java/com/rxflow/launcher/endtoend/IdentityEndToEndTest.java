package com.rxflow.launcher.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import com.rxflow.launcher.RxflowServices;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.launcher.channel.ChannelAssertions;
import com.rxflow.launcher.identity.SignIn;

/**
 * Who the patient is, end to end on the embedded stack as {@code rxflow up} runs it: patients sign
 * in at the local authorization server and reach only their own conversations; a channel's patient
 * assertion is good once; internal endpoints refuse anonymous callers; a cross-site post riding on a
 * pharmacist's session claims nothing; and every read of a patient's conversation is on the audit
 * trail, where an auditor finds it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdentityEndToEndTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final String CONVERSATIONS = "/api/v1/conversations";

    private RunningStack running;
    private String john;
    private String mary;

    @BeforeAll
    void startTheStackAndSignInBothPatients() throws Exception {
        running = RunningStack.start(dataDir -> new EmbeddedBroker(dataDir, 0));
        SignIn signIn = new SignIn(URI.create(running.issuer()));
        john = signIn.withPassword("john", "rxflow-local-john");
        mary = signIn.withPassword("mary", "rxflow-local-mary");
    }

    @AfterAll
    void stopTheStack() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void onePatientsTokenCannotOpenReadStreamOrPostToAnotherPatientsConversation() {
        String marys = open(mary);
        RestClient asJohn = patient(john);

        assertThat(asJohn.get().uri(CONVERSATIONS + "/{id}", marys).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(404);
        assertThat(asJohn.get().uri(CONVERSATIONS + "/{id}/messages", marys).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
        assertThat(asJohn.get().uri(CONVERSATIONS + "/{id}/stream", marys).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        assertThat(asJohn.post().uri(CONVERSATIONS + "/{id}/messages", marys).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("messageId", "m-1", "text", "Which medications am I on?")).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);

        Map<String, Object> own = patient(mary).get().uri(CONVERSATIONS + "/{id}", marys).retrieve().body(JSON);
        assertThat(own).containsEntry("patientId", "patient_002");
    }

    @Test
    void aPatientCannotNameAnotherPatientInTheBodyAndAStaffTokenOpensNothing() throws Exception {
        ResponseEntity<Map<String, Object>> named = patient(john).post().uri(CONVERSATIONS)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("patientId", "patient_002"))
                .retrieve().toEntity(JSON);
        assertThat(named.getStatusCode().value()).isEqualTo(400);

        String pharmacist = new SignIn(URI.create(running.issuer())).withPassword(RunningStack.PHARMACIST,
                RunningStack.PHARMACIST_PASSWORD);
        assertThat(patient(pharmacist).post().uri(CONVERSATIONS).contentType(MediaType.APPLICATION_JSON).body("{}")
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void aChannelsPatientAssertionOpensOneConversationAndIsRefusedWhenReplayed() {
        String assertion = ChannelAssertions.development("local-sms").mint("patient_001");
        RestClient sms = running.gateway(RunningStack.SMS_KEY);

        ResponseEntity<Map<String, Object>> first = sms.post().uri(CONVERSATIONS).header(ChannelAssertions.HEADER, assertion)
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(JSON);
        ResponseEntity<Map<String, Object>> replayed = sms.post().uri(CONVERSATIONS)
                .header(ChannelAssertions.HEADER, assertion).contentType(MediaType.APPLICATION_JSON).body("{}")
                .retrieve().toEntity(JSON);
        ResponseEntity<Map<String, Object>> without = sms.post().uri(CONVERSATIONS)
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(JSON);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(replayed.getStatusCode().value()).isEqualTo(401);
        assertThat(without.getStatusCode().value()).isEqualTo(401);
        assertThat(sms.get().uri(CONVERSATIONS + "/{id}", first.getBody().get("conversationId")).retrieve().body(JSON))
                .containsEntry("patientId", "patient_001");
    }

    @Test
    void theProcessorsQueryApiAndTheEscalationPeersRefuseAnonymousCalls() throws Exception {
        String processor = "http://localhost:" + port(RxflowServices.PROCESSOR);

        assertThat(status(processor + "/internal/conversations/" + open(john))).isEqualTo(401);
        assertThat(status(running.consoleUrl() + "/internal/cases")).isEqualTo(401);
    }

    @Test
    void aCrossSitePostRidingOnAPharmacistsSessionClaimsNothing() throws Exception {
        HttpClient browser = browser();
        assertThat(signIn(browser, RunningStack.PHARMACIST, RunningStack.PHARMACIST_PASSWORD))
                .as("signed in, sent on to the console").doesNotContain("error");

        // what a hostile page's form would send: the session cookie rides along, no CSRF token does
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(
                        URI.create(running.consoleUrl() + "/api/v1/cases/any-case/claim"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("note=x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).containsIgnoringCase("csrf");
    }

    @Test
    void everyReadOfAConversationIsOnTheAuditTrailWhereAnAuditorFindsIt() throws Exception {
        String johns = open(john);
        RestClient asJohn = patient(john);
        asJohn.get().uri(CONVERSATIONS + "/{id}", johns).retrieve().toBodilessEntity();
        asJohn.get().uri(CONVERSATIONS + "/{id}/messages", johns).retrieve().toBodilessEntity();
        openAndDropTheStream(johns, john);
        RestClient auditor = RestClient.builder().baseUrl(running.consoleUrl())
                .defaultHeaders(headers -> headers.setBasicAuth("auditor", "rxflow-local-auditor"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();

        Set<String> actions = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> accessesTo(auditor, "patient_001", johns),
                        found -> found.containsAll(List.of("CONVERSATION_READ", "TRANSCRIPT_READ", "STREAM_OPENED")));
        assertThat(actions).contains("CONVERSATION_READ", "TRANSCRIPT_READ", "STREAM_OPENED");
        assertThat(running.pharmacist().get().uri("/api/v1/audit/patients/{id}/accesses", "patient_001").retrieve()
                .toBodilessEntity().getStatusCode().value()).as("a pharmacist is not an auditor").isEqualTo(403);
    }

    /** Runs last: it locks the auditor's account for the rest of the run. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theConsolesSignInLocksAnAccountAfterFiveFailuresEvenForTheRightPassword() throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(signIn(browser(), "auditor", "not-the-password")).as("attempt %d", attempt).contains("error");
        }

        assertThat(signIn(browser(), "auditor", "rxflow-local-auditor")).as("locked, right password or not").contains("error");
    }

    /** Signs in on the console's form as a browser would; where the form sends the browser on to. */
    private String signIn(HttpClient browser, String username, String password) throws Exception {
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(URI.create(running.consoleUrl() + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String csrf = form.body().replaceAll("(?s).*name=\"_csrf\"[^>]*value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(running.consoleUrl() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + password
                        + "&_csrf=" + csrf))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(302);
        return answer.headers().firstValue("Location").orElseThrow();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
    }

    /** Opens the conversation's event stream with the token, waits for the answer's headers, and hangs up. */
    private void openAndDropTheStream(String conversation, String token) throws Exception {
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                        URI.create(running.gatewayUrl() + CONVERSATIONS + "/" + conversation + "/stream"))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream()).get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stream.statusCode()).isEqualTo(200);
        stream.body().close();
    }

    private Set<String> accessesTo(RestClient auditor, String patientId, String conversation) {
        Map<String, Object> page = auditor.get().uri("/api/v1/audit/patients/{id}/accesses", patientId).retrieve()
                .body(JSON);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> accesses = (List<Map<String, Object>>) page.get("accesses");
        return accesses.stream()
                .filter(access -> conversation.equals(access.get("purposeId")) && "PATIENT".equals(access.get("actorKind")))
                .map(access -> (String) access.get("action")).collect(Collectors.toSet());
    }

    private String open(String token) {
        ResponseEntity<Map<String, Object>> opened = patient(token).post().uri(CONVERSATIONS)
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(JSON);
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        return (String) opened.getBody().get("conversationId");
    }

    private RestClient patient(String token) {
        return RestClient.builder().baseUrl(running.gatewayUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
    }

    private int port(String service) {
        return Integer.parseInt(running.stack().context(service).getEnvironment().getProperty("local.server.port"));
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
