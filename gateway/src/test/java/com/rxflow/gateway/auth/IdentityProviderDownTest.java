package com.rxflow.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.Test;
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
import com.rxflow.gateway.conversation.ConversationDirectory;
import com.rxflow.gateway.conversation.PatientEventPublisher;
import com.rxflow.platform.audit.AuditTrail;

/**
 * When the identity provider cannot be asked for its keys, a patient's request is answered 503
 * with a problem and {@code Retry-After} (the token may be good), never a bare 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=gateway",
        "spring.kafka.bootstrap-servers=127.0.0.1:9",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        // nothing listens on port 9: the provider is down
        "rxflow.gateway.identity.issuer-uri=http://127.0.0.1:9",
        "rxflow.service-key=gateway-identity-down-test-service-key-0123456789"})
@ActiveProfiles("local")
class IdentityProviderDownTest {

    @LocalServerPort
    private int port;

    @MockitoBean
    private PatientEventPublisher publisher;

    @MockitoBean
    private ConversationDirectory directory;

    @MockitoBean
    private AuditTrail audit;

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        TestIdentity.registerLocalClients(registry);
    }

    @Test
    void aPatientIsToldToTryAgainWhenTheIdentityProvidersKeysCannotBeFetched() {
        ResponseEntity<String> answer = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build()
                .post().uri("/api/v1/conversations")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestIdentity.accessToken("http://127.0.0.1:9", "P100"))
                .contentType(MediaType.APPLICATION_JSON).body("{}").retrieve().toEntity(String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(JsonPath.<String>read(answer.getBody(), "$.detail")).contains("sign-in service")
                .doesNotContain("127.0.0.1");
    }
}
