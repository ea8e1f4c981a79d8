package com.rxflow.gateway.conversation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.rxflow.events.audit.AuditAction;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.auth.ChannelAssertionVerifier;
import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.ratelimit.RateLimits;
import com.rxflow.platform.audit.AuditTrail;
import com.rxflow.platform.audit.Purpose;
import com.rxflow.platform.logging.Pseudonyms;

/**
 * The chat API: open a conversation for a patient, post the patient's messages (optionally
 * waiting for the assistant's answer), read the conversation's state and its transcript. The
 * patient is the signed-in one (the access token's patient claim) or, for a channel client, the one
 * its patient assertion names; never one a request body names.
 */
@RestController
@RequestMapping(ConversationController.PATH)
@Tag(name = "conversations", description = "A patient's conversation with the pharmacy assistant")
class ConversationController {

    static final String PATH = "/api/v1/conversations";

    private static final Logger log = LoggerFactory.getLogger(ConversationController.class);

    private final PatientEventPublisher publisher;
    private final ConversationBindings bindings;
    private final MessageSubmissions submissions;
    private final RateLimits rateLimits;
    private final Pseudonyms pseudonyms;
    private final ChannelAssertionVerifier assertions;
    private final AuditTrail audit;

    ConversationController(PatientEventPublisher publisher, ConversationBindings bindings,
            MessageSubmissions submissions, RateLimits rateLimits, Pseudonyms pseudonyms,
            ChannelAssertionVerifier assertions, AuditTrail audit) {
        this.assertions = assertions;
        this.audit = audit;
        this.publisher = publisher;
        this.bindings = bindings;
        this.submissions = submissions;
        this.rateLimits = rateLimits;
        this.pseudonyms = pseudonyms;
    }

    @PostMapping
    @Operation(summary = "Open a conversation for a patient",
            description = "The patient is the signed-in one (access token) or, with an API key, the one the"
                    + " X-Patient-Assertion names. The conversation is bound to the patient and to the calling"
                    + " client for its whole life.")
    @ApiResponse(responseCode = "201", description = "Opened; Location names the conversation")
    @ApiResponse(responseCode = "403", description = "The assertion names a patient the channel may not serve")
    ResponseEntity<ConversationOpenedResponse> open(@Valid @RequestBody(required = false) OpenConversationRequest body,
            @Parameter(description = "With an API key: a JWT signed by the channel naming the patient ('sub'),"
                    + " 'iss' the client id, 'aud' rxflow-gateway, at most 5 minutes long, 'jti' used once")
            @RequestHeader(name = ChannelAssertionVerifier.HEADER, required = false) String assertion,
            @Parameter(hidden = true) Caller caller) {
        OpenConversationRequest request = body != null ? body : OpenConversationRequest.EMPTY;
        ChannelClient client = caller.client();
        String patientId = caller instanceof Caller.Patient patient ? patient.patientId()
                : assertions.patientOf(client, assertion);
        String conversationId = UUID.randomUUID().toString();
        String channel = request.channel() != null ? request.channel() : client.channel();
        publisher.conversationOpened(conversationId, patientId, channel, client);
        bindings.remember(new ConversationBinding(conversationId, patientId, client.id(), channel));
        // the patient only as a pseudonym: logs are read by people who may not see patient data
        log.info("Conversation {} opened for patient {} on channel {} by client {}", conversationId,
                pseudonyms.of(patientId), channel, client.id());
        return ResponseEntity.created(URI.create(PATH + "/" + conversationId))
                .body(new ConversationOpenedResponse(conversationId));
    }

    @PostMapping("/{conversationId}/messages")
    @Operation(summary = "Post a patient message",
            description = "Idempotent by messageId: the same id posted again is one turn and gets the same replies."
                    + " With 'Prefer: wait=N' (seconds, at most 30) the answer comes in the response once the final"
                    + " reply arrived; otherwise, or when it did not arrive in time, 202 Accepted.")
    @ApiResponse(responseCode = "200", description = "Answered",
            content = @Content(schema = @Schema(implementation = MessageAnsweredResponse.class)))
    @ApiResponse(responseCode = "202", description = "Accepted; the replies come on the stream",
            content = @Content(schema = @Schema(implementation = MessageAcceptedResponse.class)))
    CompletableFuture<ResponseEntity<Object>> post(@PathVariable String conversationId,
            @Valid @RequestBody PostMessageRequest request,
            @Parameter(description = "RFC 7240 preference, for example wait=10", example = "wait=10")
            @RequestHeader(name = WaitPreference.PREFER, required = false) List<String> prefer,
            @Parameter(hidden = true) Caller caller) {
        ChannelClient client = caller.client();
        String messageId = request.messageId();
        OptionalInt wait = WaitPreference.seconds(prefer);
        HttpHeaders headers = new HttpHeaders();
        wait.ifPresent(seconds -> headers.set(WaitPreference.PREFERENCE_APPLIED, WaitPreference.applied(seconds)));
        // the request thread is released while waiting (for a binding or a reply); the final reply or the timeout
        // completes the response
        return bindings.require(conversationId, caller)
                .thenCompose(conversation -> {
                    rateLimits.messageFor(conversation.patientId(), client);
                    return submissions.submit(conversation, messageId, request.text(), wait, client);
                })
                .thenApply(answered -> answered
                        .map(answer -> ResponseEntity.ok().headers(headers).<Object>body(answer))
                        .orElseGet(() -> ResponseEntity.status(HttpStatus.ACCEPTED).headers(headers)
                                .body(MessageAcceptedResponse.of(conversationId, messageId))));
    }

    @GetMapping("/{conversationId}")
    @Operation(summary = "Read a conversation",
            description = "Its state, step, pending work, recent transcript and, once looked up, the patient's profile.")
    CompletableFuture<ConversationView> get(@PathVariable String conversationId,
            @Parameter(hidden = true) Caller caller) {
        return bindings.currentState(conversationId, caller).thenApply(state -> {
            audit.record(caller.auditActor(), state.patientId(), AuditAction.CONVERSATION_READ,
                    Purpose.conversation(conversationId), null);
            return ConversationView.of(state);
        });
    }

    @GetMapping(path = "/{conversationId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Read the transcript, a page at a time",
            description = "Oldest line first; the processor keeps the conversation's most recent lines."
                    + " Link headers name the next and previous pages.")
    CompletableFuture<ResponseEntity<TranscriptPage>> transcript(@PathVariable String conversationId,
            @Parameter(description = "Page number, from 0") @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @Parameter(description = "Lines per page") @RequestParam(defaultValue = "50") @Min(1) @Max(100) int size,
            @Parameter(hidden = true) Caller caller) {
        return bindings.currentState(conversationId, caller).thenApply(state -> page(state, conversationId, page,
                size, caller));
    }

    private ResponseEntity<TranscriptPage> page(ConversationState state, String conversationId, int page, int size,
            Caller caller) {
        audit.record(caller.auditActor(), state.patientId(), AuditAction.TRANSCRIPT_READ,
                Purpose.conversation(conversationId), null);
        TranscriptPage transcript = TranscriptPage.of(state, page, size);
        List<String> links = new ArrayList<>();
        String base = PATH + "/" + conversationId + "/messages?size=" + size + "&page=";
        if (transcript.hasNext()) {
            links.add("<" + base + (page + 1) + ">; rel=\"next\"");
        }
        if (page > 0) {
            links.add("<" + base + (page - 1) + ">; rel=\"prev\"");
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!links.isEmpty()) {
            response.header(HttpHeaders.LINK, String.join(", ", links));
        }
        return response.body(transcript);
    }
}
