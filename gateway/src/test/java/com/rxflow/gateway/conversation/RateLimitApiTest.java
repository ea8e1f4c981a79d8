package com.rxflow.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.rxflow.gateway.GatewayConfiguration;
import com.rxflow.gateway.TestIdentity;
import com.rxflow.gateway.auth.CallerWebConfiguration;
import com.rxflow.gateway.auth.ChannelAssertionVerifier;
import com.rxflow.gateway.auth.ChannelClients;
import com.rxflow.gateway.auth.GatewaySecurityConfiguration;
import com.rxflow.gateway.metrics.TurnMetrics;
import com.rxflow.platform.logging.LoggingConfiguration;
import com.rxflow.gateway.problem.ProblemAdvice;
import com.rxflow.gateway.ratelimit.RateLimits;
import com.rxflow.gateway.reply.ReplyHub;
import com.rxflow.platform.audit.AuditTrail;

/**
 * The limits as a client meets them: small limits over a long period, so the test never races a
 * refill. Messages count per patient (and key); every request counts per key.
 */
@WebMvcTest(properties = {"spring.config.name=gateway",
        "rxflow.gateway.rate-limits.messages-per-patient=3",
        "rxflow.gateway.rate-limits.requests-per-client=8",
        "rxflow.gateway.rate-limits.period=1h"})
@ContextConfiguration(classes = RateLimitApiTest.WebLayer.class)
@ActiveProfiles("local")
// every test starts with full buckets
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class RateLimitApiTest {

    private static final String PROBLEMS = "https://rxflow.dev/problems/";

    @Configuration(proxyBeanMethods = false)
    @Import({GatewayConfiguration.class, ChannelClients.class, ChannelAssertionVerifier.class,
            GatewaySecurityConfiguration.class, CallerWebConfiguration.class, ProblemAdvice.class,
            RateLimits.class, ConversationBindings.class, ConversationController.class, MessageSubmissions.class,
            ReplyHub.class, LoggingConfiguration.class})
    static class WebLayer {
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ConversationBindings bindings;

    @MockitoBean
    private PatientEventPublisher publisher;

    @MockitoBean
    private TurnMetrics turns;

    @MockitoBean
    private ConversationDirectory directory;

    @MockitoBean
    private AuditTrail audit;

    @Test
    void aPatientOverTheMessageLimitIsToldWhenToTryAgainWhileOthersAndOtherKeysGoOn() {
        String first = conversation("patient_001", "local-dev", "web");
        String second = conversation("patient_001", "local-dev", "web");
        String other = conversation("patient_002", "local-dev", "web");
        String sms = conversation("patient_001", "local-sms", "sms");

        assertThat(postTo(first, ChannelClients.DEVELOPMENT_KEY)).hasStatus(HttpStatus.ACCEPTED);
        assertThat(postTo(second, ChannelClients.DEVELOPMENT_KEY)).hasStatus(HttpStatus.ACCEPTED);
        assertThat(postTo(first, ChannelClients.DEVELOPMENT_KEY)).hasStatus(HttpStatus.ACCEPTED);
        MvcTestResult refused = postTo(second, ChannelClients.DEVELOPMENT_KEY);

        assertThat(refused).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "rate-limited");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("Too many messages for this patient");
                });
        // one token a 20 minutes (3 an hour): the wait is announced in whole seconds
        assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(1L, 1200L);
        assertThat(postTo(other, ChannelClients.DEVELOPMENT_KEY)).as("another patient").hasStatus(HttpStatus.ACCEPTED);
        assertThat(postTo(sms, ChannelClients.SMS_DEVELOPMENT_KEY)).as("the same patient through another key")
                .hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void aKeyOverItsRequestLimitIsRefusedWhateverItAsksForAndAnotherKeyIsNot() {
        String conversation = conversation("patient_003", "local-sms", "sms");
        MvcTestResult last = null;
        for (int i = 0; i < 9 && (last == null || last.getResponse().getStatus() != 429); i++) {
            last = mvc.get().uri("/api/v1/conversations/" + conversation + "/nothing")
                    .header("X-Api-Key", ChannelClients.SMS_DEVELOPMENT_KEY).exchange();
        }

        assertThat(last).hasStatus(HttpStatus.TOO_MANY_REQUESTS)
                .containsHeader("Retry-After")
                .bodyJson().extractingPath("$.detail").asString().startsWith("Too many requests with this API key");
        assertThat(mvc.get().uri("/api/v1/conversations/c-unknown/nothing")
                .header("X-Api-Key", ChannelClients.DEVELOPMENT_KEY))
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void anUnauthenticatedRequestIsNotCounted() {
        for (int i = 0; i < 10; i++) {
            assertThat(mvc.get().uri("/api/v1/conversations/c1").header("X-Api-Key", "wrong"))
                    .hasStatus(HttpStatus.UNAUTHORIZED);
        }
    }

    private String conversation(String patientId, String clientId, String channel) {
        String id = "c-" + UUID.randomUUID();
        bindings.remember(new ConversationBinding(id, patientId, clientId, channel));
        return id;
    }

    private MvcTestResult postTo(String conversationId, String key) {
        return mvc.post().uri("/api/v1/conversations/" + conversationId + "/messages").header("X-Api-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"messageId\":\"m-" + UUID.randomUUID() + "\",\"text\":\"hello\"}").exchange();
    }
}
