package com.rxflow.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.rxflow.gateway.GatewayConfiguration;
import com.rxflow.gateway.auth.ApiKeyWebConfiguration;
import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.auth.ChannelClients;
import com.rxflow.gateway.problem.ProblemAdvice;
import com.rxflow.gateway.problem.UnavailableException;
import com.rxflow.gateway.reply.ReplyHub;
import com.rxflow.gateway.reply.ReplyView;

/**
 * The HTTP contract without a broker or a processor: the publisher and the processor's directory
 * are stand-ins; authentication, validation, bindings, waits and problem details are real.
 */
@WebMvcTest(properties = "spring.config.name=gateway")
@ContextConfiguration(classes = ConversationApiTest.WebLayer.class)
@ActiveProfiles("local")
class ConversationApiTest {

    private static final String KEY = ChannelClients.DEVELOPMENT_KEY;
    private static final ChannelClient LOCAL_DEV = new ChannelClient("local-dev", "web");
    private static final String PROBLEMS = "https://rxflow.dev/problems/";

    @Configuration(proxyBeanMethods = false)
    @Import({GatewayConfiguration.class, ChannelClients.class, ApiKeyWebConfiguration.class, ProblemAdvice.class,
            ConversationController.class, ConversationBindings.class, ReplyHub.class})
    static class WebLayer {
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private ConversationBindings bindings;

    @Autowired
    private ReplyHub replies;

    @MockitoBean
    private PatientEventPublisher publisher;

    @MockitoBean
    private ConversationDirectory directory;

    @Test
    void aRequestWithoutAKeyIsUnauthorized() {
        MvcTestResult result = mvc.post().uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON).content("{\"patientId\":\"P100\"}").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
                .hasHeader("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"")
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "unauthorized");
        verify(publisher, never()).conversationOpened(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aRequestWithAWrongKeyIsUnauthorized() {
        assertThat(mvc.get().uri("/api/v1/conversations/c1").header("X-Api-Key", "rxflow-local-deV"))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().contains("does not name a known client");
    }

    @Test
    void openingAConversationPublishesItAndBindsItToTheClient() throws Exception {
        MvcTestResult result = post("/api/v1/conversations", "{\"patientId\":\"P100\"}").exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED);
        String conversationId = JsonPath.read(result.getResponse().getContentAsString(),
                "$.conversationId");
        assertThat(result).hasHeader("Location", "/api/v1/conversations/" + conversationId);
        verify(publisher).conversationOpened(conversationId, "P100", "web", LOCAL_DEV);
        assertThat(bindings.require(conversationId, LOCAL_DEV).patientId()).isEqualTo("P100");
    }

    @Test
    void aConversationMayNameItsChannel() {
        assertThat(post("/api/v1/conversations", "{\"patientId\":\"P100\",\"channel\":\"sms\"}"))
                .hasStatus(HttpStatus.CREATED);
        verify(publisher).conversationOpened(anyString(), eq("P100"), eq("sms"), eq(LOCAL_DEV));
    }

    @Test
    void aMalformedPatientIdIsRejected() {
        assertThat(post("/api/v1/conversations", "{\"patientId\":\"P-100\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("patientId: must match");
                    assertThat(json).extractingPath("$.errors[0].field").isEqualTo("patientId");
                });
        assertThat(post("/api/v1/conversations", "{\"patientId\":\"P123456789012345678901\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(post("/api/v1/conversations", "{}")).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aMessageWithoutIdIsRejected() {
        bindings.remember(new ConversationBinding("c1", "P100", "local-dev", "web"));

        assertThat(post("/api/v1/conversations/c1/messages", "{\"text\":\"hello\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("messageId:");
                });
    }

    @Test
    void aMessageTooLongIsRejected() {
        bindings.remember(new ConversationBinding("c1", "P100", "local-dev", "web"));
        String text = "x".repeat(2001);

        assertThat(post("/api/v1/conversations/c1/messages", "{\"messageId\":\"m1\",\"text\":\"" + text + "\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").asString().startsWith("text: size must be between");
        verify(publisher, never()).messageReceived(any(), anyString(), anyString(), any());
    }

    @Test
    void aBodyThatIsNotJsonIsRejected() {
        assertThat(post("/api/v1/conversations", "{\"patientId\": P100"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("The request body is not valid JSON");
                });
    }

    @Test
    void anUnknownFieldIsRejected() {
        assertThat(post("/api/v1/conversations", "{\"patientId\":\"P100\",\"patientName\":\"Ann\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.detail").asString()
                            .isEqualTo("Unknown field 'patientName'; accepted fields: channel, patientId.");
                });
    }

    @Test
    void aConversationOfAnotherClientIsNotFound() {
        given(directory.find("c9")).willReturn(Optional.of(ConversationStates.boundTo("c9", "sms-b")));

        assertThat(post("/api/v1/conversations/c9/messages", "{\"messageId\":\"m1\",\"text\":\"hello\"}"))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "not-found");
        assertThat(mvc.get().uri("/api/v1/conversations/c9").header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "not-found");
        verify(publisher, never()).messageReceived(any(), anyString(), anyString(), any());
    }

    @Test
    void aMessageIsAcceptedWhenTheClientDoesNotWait() {
        ConversationBinding conversation = new ConversationBinding("c1", "P100", "local-dev", "web");
        bindings.remember(conversation);

        assertThat(post("/api/v1/conversations/c1/messages", "{\"messageId\":\"m1\",\"text\":\"hello\"}"))
                .hasStatus(HttpStatus.ACCEPTED)
                .doesNotContainHeader("Preference-Applied")
                .bodyJson().isLenientlyEqualTo("{\"conversationId\":\"c1\",\"messageId\":\"m1\",\"status\":\"accepted\"}");
        verify(publisher).messageReceived(conversation, "m1", "hello", LOCAL_DEV);
    }

    @Test
    void aWaitingClientGetsTheReplyEvenWhenItArrivesBeforeTheAcknowledgement() {
        bindings.remember(new ConversationBinding("c1", "P100", "local-dev", "web"));
        willAnswer(invocation -> {
            replies.deliver("c1", reply("r1", "m1", 1, false, "Let me check."));
            replies.deliver("c1", reply("r2", "m1", 2, true, "Which medication?"));
            return null;
        }).given(publisher).messageReceived(any(), eq("m1"), anyString(), any());

        assertThat(post("/api/v1/conversations/c1/messages", "{\"messageId\":\"m1\",\"text\":\"refill\"}")
                .header("Prefer", "wait=5"))
                .hasStatus(HttpStatus.OK)
                .hasHeader("Preference-Applied", "wait=5")
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.messageId").isEqualTo("m1");
                    assertThat(json).extractingPath("$.replies[*].text").asArray()
                            .containsExactly("Let me check.", "Which medication?");
                    assertThat(json).extractingPath("$.replies[1].final").isEqualTo(true);
                    assertThat(json).extractingPath("$.replies[1].at").isEqualTo("2025-01-01T10:00:00Z");
                    assertThat(json).extractingPath("$.conversation").isEqualTo(Map.of(
                            "conversationId", "c1", "state", "GATHERING_INFO", "step", "ASK_MEDICATION"));
                });
    }

    @Test
    void aWaitingClientIsAcceptedWhenNoReplyComesInTime() {
        bindings.remember(new ConversationBinding("c1", "P100", "local-dev", "web"));

        assertThat(post("/api/v1/conversations/c1/messages", "{\"messageId\":\"m2\",\"text\":\"refill\"}")
                .header("Prefer", "wait=1"))
                .hasStatus(HttpStatus.ACCEPTED)
                .hasHeader("Preference-Applied", "wait=1")
                .bodyJson().extractingPath("$.status").isEqualTo("accepted");
    }

    @Test
    void aMessageTheBrokerDidNotTakeIsUnavailable() {
        bindings.remember(new ConversationBinding("c1", "P100", "local-dev", "web"));
        willThrow(new UnavailableException("The message could not be stored; send it again."))
                .given(publisher).messageReceived(any(), anyString(), anyString(), any());

        assertThat(post("/api/v1/conversations/c1/messages", "{\"messageId\":\"m1\",\"text\":\"hi\"}")
                .header("Prefer", "wait=5"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasHeader("Retry-After", "2")
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "unavailable");
    }

    @Test
    void theConversationIsReadFromTheProcessorWithoutItsClientId() {
        given(directory.find("c1")).willReturn(Optional.of(ConversationStates.boundTo("c1", "local-dev")));

        assertThat(mvc.get().uri("/api/v1/conversations/c1").header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.OK)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.conversationId").isEqualTo("c1");
                    assertThat(json).extractingPath("$.state").isEqualTo("GATHERING_INFO");
                    assertThat(json).extractingPath("$.createdAt").isEqualTo("2025-01-01T10:00:00Z");
                    assertThat(json).extractingPath("$.pending[0].name").isEqualTo("medication-history");
                    assertThat(json).extractingPath("$.transcript[0].text").isEqualTo("I need a refill");
                    assertThat(json).doesNotHavePath("$.clientId");
                });
    }

    @Test
    void anUnavailableProcessorIsReportedWithRetryAfter() {
        given(directory.find("c1")).willThrow(new UnavailableException("The conversation processor answered 503."));

        assertThat(mvc.get().uri("/api/v1/conversations/c1").header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasHeader("Retry-After", "2")
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "unavailable");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertThat(mvc.get().uri("/api/v1/nothing/here").header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "not-found");
    }

    private MockMvcTester.MockMvcRequestBuilder post(String uri, String json) {
        return mvc.post().uri(uri).header("X-Api-Key", KEY).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private static ReplyView reply(String replyId, String inReplyTo, long sequence, boolean last, String text) {
        return new ReplyView(replyId, inReplyTo, sequence, text, "ASSISTANT", "GATHERING_INFO", "ASK_MEDICATION", last,
                Instant.parse("2025-01-01T10:00:00Z"));
    }
}
