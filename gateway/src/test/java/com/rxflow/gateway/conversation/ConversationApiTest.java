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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.jayway.jsonpath.JsonPath;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.rxflow.gateway.GatewayConfiguration;
import com.rxflow.gateway.TestIdentity;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.auth.CallerWebConfiguration;
import com.rxflow.gateway.auth.ChannelAssertionVerifier;
import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.auth.ChannelClients;
import com.rxflow.gateway.auth.GatewaySecurityConfiguration;
import com.rxflow.gateway.metrics.TurnMetrics;
import com.rxflow.platform.logging.LoggingConfiguration;
import com.rxflow.gateway.problem.ProblemAdvice;
import com.rxflow.gateway.problem.UnavailableException;
import com.rxflow.gateway.ratelimit.RateLimits;
import com.rxflow.gateway.reply.ReplyHub;
import com.rxflow.gateway.reply.ReplyView;
import com.rxflow.events.audit.AuditAction;
import com.rxflow.platform.audit.Actor;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.AuditUnavailableException;
import com.rxflow.platform.audit.Purpose;

/**
 * The HTTP contract without a broker or a processor: the publisher and the processor's directory
 * are stand-ins; authentication, validation, bindings, idempotency, waits and problem details are
 * real. Every test uses a conversation id of its own, as the reply cache outlives a test.
 */
@WebMvcTest(properties = "spring.config.name=gateway")
@ContextConfiguration(classes = ConversationApiTest.WebLayer.class)
@ActiveProfiles("local")
class ConversationApiTest {

    private static final String KEY = ChannelClients.DEVELOPMENT_KEY;
    private static final ChannelClient LOCAL_DEV = new ChannelClient("local-dev", "web");
    private static final Caller CALLER = new Caller.Channel(LOCAL_DEV);
    private static final String PROBLEMS = "https://rxflow.dev/problems/";

    @Configuration(proxyBeanMethods = false)
    @Import({GatewayConfiguration.class, ChannelClients.class, ChannelAssertionVerifier.class,
            GatewaySecurityConfiguration.class, CallerWebConfiguration.class, ProblemAdvice.class,
            ConversationController.class, ConversationBindings.class, MessageSubmissions.class, ReplyHub.class,
            RateLimits.class, LoggingConfiguration.class})
    static class WebLayer {
    }

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        TestIdentity.registerLocalClients(registry);
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
    private TurnMetrics turns;

    @MockitoBean
    private ConversationDirectory directory;

    @MockitoBean
    private AuditTrail audit;

    private final String conversationId = "c-" + UUID.randomUUID();

    @Test
    void aRequestWithoutAKeyIsUnauthorized() {
        MvcTestResult result = mvc.post().uri("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON).content("{}").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED)
                .hasHeader("WWW-Authenticate", "Bearer")
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
        MvcTestResult result = open("{}").exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED);
        String opened = JsonPath.read(result.getResponse().getContentAsString(), "$.conversationId");
        assertThat(result).hasHeader("Location", "/api/v1/conversations/" + opened);
        verify(publisher).conversationOpened(opened, "P100", "web", LOCAL_DEV);
        assertThat(bindings.require(opened, CALLER).join().patientId()).isEqualTo("P100");
    }

    @Test
    void aConversationMayNameItsChannel() {
        assertThat(open("{\"channel\":\"sms\"}"))
                .hasStatus(HttpStatus.CREATED);
        verify(publisher).conversationOpened(anyString(), eq("P100"), eq("sms"), eq(LOCAL_DEV));
    }

    @ParameterizedTest
    @ValueSource(strings = {"P-100", "P123456789012345678901", "", "patient 1", "<script>"})
    void anAssertionNamingAMalformedPatientIdIsUnauthorized(String patientId) {
        assertThat(post("/api/v1/conversations", "{}").header(ChannelAssertionVerifier.HEADER,
                TestIdentity.assertion("local-dev", patientId)))
                .hasStatus(HttpStatus.UNAUTHORIZED)
                .bodyJson().extractingPath("$.detail").asString().contains("must name the patient in 'sub'");
        verify(publisher, never()).conversationOpened(anyString(), anyString(), anyString(), any());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", ""})
    void theBodyOfAnOpeningIsOptional(String body) {
        MvcTestResult result = mvc.post().uri("/api/v1/conversations").header("X-Api-Key", KEY)
                .header(ChannelAssertionVerifier.HEADER, TestIdentity.assertion("local-dev", "P100"))
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();

        assertThat(result).hasStatus(HttpStatus.CREATED);
        verify(publisher).conversationOpened(anyString(), eq("P100"), eq("web"), eq(LOCAL_DEV));
    }

    @Test
    void aMessageWithoutIdIsAValidationProblem() {
        bind();

        assertThat(post(messages(), "{\"text\":\"hello\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("messageId:");
                });
    }

    @Test
    void aMessageTooLongIsMessageTooLong() {
        bind();

        assertThat(post(messages(), message("m1", "x".repeat(2001))))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "message-too-long");
                    assertThat(json).extractingPath("$.detail").isEqualTo("text: must be at most 2000 characters");
                });
        assertThat(post(messages(), message("m1", "x".repeat(2000)))).hasStatus(HttpStatus.ACCEPTED);
    }

    @ParameterizedTest
    @CsvSource({"nul,\\u0000", "escape,\\u001b[31m", "bell,\\u0007", "delete,\\u007f", "c1 control,\\u0085"})
    void aMessageWithControlCharactersIsRefused(String what, String escaped) {
        bind();

        assertThat(post(messages(), "{\"messageId\":\"m1\",\"text\":\"hi " + escaped + "\"}"))
                .as(what)
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "control-characters");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("text: must not contain control");
                });
        verify(publisher, never()).messageReceived(any(), anyString(), anyString(), any());
    }

    @Test
    void tabsAndLineBreaksAndMarkupAreTextLikeAnyOther() {
        bind();

        assertThat(post(messages(), "{\"messageId\":\"m1\",\"text\":\"line\\n\\tnext\\r\\n<b>bold</b>\"}"))
                .hasStatus(HttpStatus.ACCEPTED);
        verify(publisher).messageReceived(any(), eq("m1"), eq("line\n\tnext\r\n<b>bold</b>"), eq(LOCAL_DEV));
    }

    @Test
    void severalDifferentViolationsAreOneValidationProblemListingEach() {
        bind();

        assertThat(post(messages(), "{\"messageId\":\"no spaces\",\"text\":\"" + "\\u0000".repeat(2001) + "\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.errors[*].type").asArray().containsExactlyInAnyOrder(
                            PROBLEMS + "validation", PROBLEMS + "message-too-long", PROBLEMS + "control-characters");
                });
    }

    @Test
    void aBodyThatIsNotJsonIsInvalidJson() {
        assertThat(post("/api/v1/conversations", "{\"patientId\": P100"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "invalid-json");
                    assertThat(json).extractingPath("$.detail").asString().startsWith("The request body is not valid JSON");
                });
        assertThat(post("/api/v1/conversations", "[\"patient_001\"]"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "invalid-json");
        assertThat(post("/api/v1/conversations", "{\"channel\":{\"id\":1}}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().extractingPath("$.detail").isEqualTo("Field 'channel' has the wrong type.");
    }

    @Test
    void anUnknownFieldIsAnUnknownField() {
        assertThat(post("/api/v1/conversations", "{\"channel\":\"web\",\"patientName\":\"Ann\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "unknown-field");
                    assertThat(json).extractingPath("$.detail").asString()
                            .isEqualTo("Unknown field 'patientName'; accepted fields: channel.");
                });
    }

    @Test
    void aConversationOfAnotherKeyIsNotFoundForReadingOrPosting() {
        given(directory.find(conversationId)).willReturn(Optional.of(ConversationStates.boundTo(conversationId,
                "local-dev")));

        assertThat(post(messages(), message("m1", "hello"), ChannelClients.SMS_DEVELOPMENT_KEY))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "not-found");
        assertThat(mvc.get().uri("/api/v1/conversations/" + conversationId)
                .header("X-Api-Key", ChannelClients.SMS_DEVELOPMENT_KEY))
                .hasStatus(HttpStatus.NOT_FOUND)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "not-found");
        assertThat(mvc.get().uri(messages()).header("X-Api-Key", ChannelClients.SMS_DEVELOPMENT_KEY))
                .hasStatus(HttpStatus.NOT_FOUND);
        verify(publisher, never()).messageReceived(any(), anyString(), anyString(), any());
        // the key that opened it reads it
        assertThat(mvc.get().uri("/api/v1/conversations/" + conversationId).header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.OK);
    }

    @Test
    void aMessageIsAcceptedWhenTheClientDoesNotWait() {
        ConversationBinding conversation = bind();

        assertThat(post(messages(), message("m1", "hello")))
                .hasStatus(HttpStatus.ACCEPTED)
                .doesNotContainHeader("Preference-Applied")
                .bodyJson().isLenientlyEqualTo("{\"conversationId\":\"" + conversationId
                        + "\",\"messageId\":\"m1\",\"status\":\"accepted\"}");
        verify(publisher).messageReceived(conversation, "m1", "hello", LOCAL_DEV);
    }

    @Test
    void aWaitingClientGetsTheReplyEvenWhenItArrivesBeforeTheAcknowledgement() {
        bind();
        willAnswer(invocation -> {
            replies.deliver(conversationId, reply("r1", "m1", 1, false, "Let me check."));
            replies.deliver(conversationId, reply("r2", "m1", 2, true, "Which medication?"));
            return null;
        }).given(publisher).messageReceived(any(), eq("m1"), anyString(), any());

        assertThat(post(messages(), message("m1", "refill")).header("Prefer", "wait=5"))
                .hasStatus(HttpStatus.OK)
                .hasHeader("Preference-Applied", "wait=5")
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.messageId").isEqualTo("m1");
                    assertThat(json).extractingPath("$.replies[*].text").asArray()
                            .containsExactly("Let me check.", "Which medication?");
                    assertThat(json).extractingPath("$.replies[1].final").isEqualTo(true);
                    assertThat(json).extractingPath("$.replies[1].at").isEqualTo("2025-01-01T10:00:00Z");
                    assertThat(json).extractingPath("$.conversation").isEqualTo(Map.of(
                            "conversationId", conversationId, "state", "GATHERING_INFO", "step", "ASK_MEDICATION"));
                });
    }

    @Test
    void aRepeatedMessageIdIsAnsweredWithTheSameRepliesAndPublishedOnce() throws Exception {
        bind();
        willAnswer(invocation -> {
            replies.deliver(conversationId, reply("r1", "m1", 1, true, "Which medication?"));
            return null;
        }).given(publisher).messageReceived(any(), eq("m1"), anyString(), any());
        String first = post(messages(), message("m1", "refill")).header("Prefer", "wait=5").exchange()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(post(messages(), message("m1", "refill")))
                .hasStatus(HttpStatus.OK)
                .bodyJson().isStrictlyEqualTo(first);
        verify(publisher).messageReceived(any(), eq("m1"), anyString(), any());
    }

    @Test
    void aMessagePostedAgainThroughAnotherInstanceIsPublishedWithoutAskingAndAnsweredByTheProcessorsRepeat() {
        bind();
        // what the processor does with a message id it has answered: nothing new, its replies said again
        willAnswer(invocation -> {
            replies.deliverAgain(conversationId, new ReplyView("r-m1", "m1", 1, "Your medications are: Omeprazole 20mg.",
                    "ASSISTANT", "COMPLETED", null, true, Instant.parse("2025-01-01T10:00:04Z")));
            return null;
        }).given(publisher).messageReceived(any(), eq("m1"), anyString(), any());

        assertThat(post(messages(), message("m1", "what do I take?")).header("Prefer", "wait=5"))
                .hasStatus(HttpStatus.OK)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.replies[*].replyId").asArray().containsExactly("r-m1");
                    assertThat(json).extractingPath("$.replies[0].final").isEqualTo(true);
                    assertThat(json).extractingPath("$.conversation.state").isEqualTo("COMPLETED");
                });
        verify(directory, never()).find(anyString());
    }

    @Test
    void aPostReadsNothingFromTheProcessorWhenItsAnswerComes() {
        bind();
        willAnswer(invocation -> {
            replies.deliver(conversationId, reply("r1", "m1", 1, true, "Which medication?"));
            return null;
        }).given(publisher).messageReceived(any(), eq("m1"), anyString(), any());

        assertThat(post(messages(), message("m1", "refill")).header("Prefer", "wait=5")).hasStatus(HttpStatus.OK);
        assertThat(post(messages(), message("m2", "hello"))).hasStatus(HttpStatus.ACCEPTED);
        verify(directory, never()).find(anyString());
    }

    @Test
    void aWaitThatTimesOutIsAnsweredFromTheTranscriptWhenTheTurnCompletedMeanwhile() {
        ConversationBinding conversation = bind();
        given(directory.find(conversationId)).willReturn(Optional.of(ConversationStates.answered(conversationId,
                "local-dev", "m1", "Your medications are: Omeprazole 20mg.")));

        assertThat(post(messages(), message("m1", "what do I take?")).header("Prefer", "wait=1"))
                .hasStatus(HttpStatus.OK)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.replies[*].text").asArray()
                            .containsExactly("Your medications are: Omeprazole 20mg.");
                    assertThat(json).extractingPath("$.replies[0].replyId").isEqualTo("r-m1");
                    assertThat(json).extractingPath("$.replies[0].inReplyTo").isEqualTo("m1");
                    assertThat(json).extractingPath("$.replies[0].author").isEqualTo("ASSISTANT");
                    assertThat(json).extractingPath("$.replies[0].final").isEqualTo(true);
                    assertThat(json).extractingPath("$.conversation.state").isEqualTo("COMPLETED");
                });
        verify(publisher).messageReceived(conversation, "m1", "what do I take?", LOCAL_DEV);
        verify(directory).find(conversationId);
    }

    @Test
    void aWaitThatTimesOutOnATurnStillUnderWayIsAccepted() {
        bind();
        given(directory.find(conversationId)).willReturn(Optional.of(ConversationStates.boundTo(conversationId,
                "local-dev")));

        assertThat(post(messages(), message("m1", "I need a refill")).header("Prefer", "wait=1"))
                .hasStatus(HttpStatus.ACCEPTED);
    }

    @Test
    void aWaitThatTimesOutIsAcceptedWhenTheProcessorCannotBeAsked() {
        ConversationBinding conversation = bind();
        given(directory.find(conversationId)).willThrow(new UnavailableException("restarting"));

        assertThat(post(messages(), message("m1", "hello")).header("Prefer", "wait=1")).hasStatus(HttpStatus.ACCEPTED);
        verify(publisher).messageReceived(conversation, "m1", "hello", LOCAL_DEV);
    }

    @Test
    void aWaitingClientIsAcceptedWhenNoReplyComesInTime() {
        bind();

        assertThat(post(messages(), message("m2", "refill")).header("Prefer", "wait=1"))
                .hasStatus(HttpStatus.ACCEPTED)
                .hasHeader("Preference-Applied", "wait=1")
                .bodyJson().extractingPath("$.status").isEqualTo("accepted");
    }

    @Test
    void aMessageTheBrokerDidNotTakeIsUnavailable() {
        bind();
        willThrow(new UnavailableException("The message could not be stored; send it again."))
                .given(publisher).messageReceived(any(), anyString(), anyString(), any());

        assertThat(post(messages(), message("m1", "hi")).header("Prefer", "wait=5"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasHeader("Retry-After", "2")
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "unavailable");
    }

    @Test
    void theConversationIsReadFromTheProcessorWithoutItsClientIdAndWithTheProfile() {
        given(directory.find(conversationId)).willReturn(Optional.of(ConversationStates.withProfile(conversationId,
                "local-dev")));

        assertThat(mvc.get().uri("/api/v1/conversations/" + conversationId).header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.OK)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.conversationId").isEqualTo(conversationId);
                    assertThat(json).extractingPath("$.state").isEqualTo("GATHERING_INFO");
                    assertThat(json).extractingPath("$.createdAt").isEqualTo("2025-01-01T10:00:00Z");
                    assertThat(json).extractingPath("$.pending[0].name").isEqualTo("medication-history");
                    assertThat(json).extractingPath("$.transcript[0].text").isEqualTo("I need a refill");
                    assertThat(json).extractingPath("$.profile.firstName").isEqualTo("John");
                    assertThat(json).extractingPath("$.profile.medications[0].refillsRemaining").isEqualTo(2);
                    assertThat(json).extractingPath("$.profile.recentOrders[0].pharmacyName").isEqualTo("CVS Pharmacy");
                    assertThat(json).doesNotHavePath("$.clientId");
                });
    }

    @Test
    void theTranscriptIsReadAPageAtATime() {
        given(directory.find(conversationId)).willReturn(Optional.of(ConversationStates.withLines(conversationId,
                "local-dev", 5)));

        assertThat(mvc.get().uri(messages() + "?page=1&size=2").header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.OK)
                .hasHeader("Link", "<" + messages() + "?size=2&page=2>; rel=\"next\", <" + messages()
                        + "?size=2&page=0>; rel=\"prev\"")
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.total").isEqualTo(5);
                    assertThat(json).extractingPath("$.page").isEqualTo(1);
                    assertThat(json).extractingPath("$.messages[*].text").asArray().containsExactly("line 2", "line 3");
                });
        assertThat(mvc.get().uri(messages()).header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.OK)
                .doesNotContainHeader("Link")
                .bodyJson().extractingPath("$.messages").asArray().hasSize(5);
    }

    @Test
    void readingTheTranscriptIsRecordedOnTheAuditTrailAndNotServedWhenItCannotBe() {
        given(directory.find(conversationId)).willReturn(Optional.of(ConversationStates.withLines(conversationId,
                "local-dev", 2)));

        assertThat(mvc.get().uri(messages()).header("X-Api-Key", KEY)).hasStatus(HttpStatus.OK);
        verify(audit).record(Actor.channel("local-dev"), "P100", AuditAction.TRANSCRIPT_READ,
                Purpose.conversation(conversationId), null);

        willThrow(new AuditUnavailableException("audit-access unreachable", null)).given(audit)
                .record(any(), anyString(), any(), any(), any());
        assertThat(mvc.get().uri(messages()).header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .bodyJson().extractingPath("$.detail").asString().doesNotContain("audit-access");
    }

    @ParameterizedTest
    @ValueSource(strings = {"size=0", "size=101", "page=-1", "page=first"})
    void aTranscriptPageOutOfRangeIsAValidationProblem(String query) {
        assertThat(mvc.get().uri(messages() + "?" + query).header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().satisfies(json -> {
                    assertThat(json).extractingPath("$.type").isEqualTo(PROBLEMS + "validation");
                    assertThat(json).extractingPath("$.errors[0].field").isEqualTo(query.substring(0, query.indexOf('=')));
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

    @Test
    void anUnsupportedMethodAndMediaTypeHaveTheirTypes() {
        assertThat(mvc.delete().uri("/api/v1/conversations/c1").header("X-Api-Key", KEY))
                .hasStatus(HttpStatus.METHOD_NOT_ALLOWED)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "method-not-allowed");
        assertThat(mvc.post().uri("/api/v1/conversations").header("X-Api-Key", KEY)
                .contentType(MediaType.TEXT_PLAIN).content("patient_001"))
                .hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .bodyJson().extractingPath("$.type").isEqualTo(PROBLEMS + "unsupported-media-type");
    }

    private ConversationBinding bind() {
        ConversationBinding conversation = new ConversationBinding(conversationId, "P100", "local-dev", "web");
        bindings.remember(conversation);
        return conversation;
    }

    private String messages() {
        return "/api/v1/conversations/" + conversationId + "/messages";
    }

    private static String message(String messageId, String text) {
        return "{\"messageId\":\"" + messageId + "\",\"text\":\"" + text + "\"}";
    }

    /** Opens a conversation for P100 as local-dev, with a fresh assertion. */
    private MockMvcTester.MockMvcRequestBuilder open(String json) {
        return post("/api/v1/conversations", json)
                .header(ChannelAssertionVerifier.HEADER, TestIdentity.assertion("local-dev", "P100"));
    }

    private MockMvcTester.MockMvcRequestBuilder post(String uri, String json) {
        return post(uri, json, KEY);
    }

    private MockMvcTester.MockMvcRequestBuilder post(String uri, String json, String key) {
        return mvc.post().uri(uri).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    private static ReplyView reply(String replyId, String inReplyTo, long sequence, boolean last, String text) {
        return new ReplyView(replyId, inReplyTo, sequence, text, "ASSISTANT", "GATHERING_INFO", "ASK_MEDICATION", last,
                Instant.parse("2025-01-01T10:00:00Z"));
    }
}
