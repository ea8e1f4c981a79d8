package com.rxflow.gateway.conversation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.reply.Replies;
import com.rxflow.gateway.reply.ReplyHub;

/**
 * The chat API: open a conversation for a patient, post the patient's messages (optionally
 * waiting for the assistant's answer), read the conversation's state.
 */
@RestController
@RequestMapping(ConversationController.PATH)
class ConversationController {

    static final String PATH = "/api/v1/conversations";

    private final PatientEventPublisher publisher;
    private final ConversationBindings bindings;
    private final ReplyHub replies;

    ConversationController(PatientEventPublisher publisher, ConversationBindings bindings, ReplyHub replies) {
        this.publisher = publisher;
        this.bindings = bindings;
        this.replies = replies;
    }

    @PostMapping
    ResponseEntity<ConversationOpenedResponse> open(@Valid @RequestBody OpenConversationRequest request,
            ChannelClient client) {
        String conversationId = UUID.randomUUID().toString();
        String channel = request.channel() != null ? request.channel() : client.channel();
        publisher.conversationOpened(conversationId, request.patientId(), channel, client);
        bindings.remember(new ConversationBinding(conversationId, request.patientId(), client.id(), channel));
        return ResponseEntity.created(URI.create(PATH + "/" + conversationId))
                .body(new ConversationOpenedResponse(conversationId));
    }

    @PostMapping("/{conversationId}/messages")
    CompletableFuture<ResponseEntity<Object>> post(@PathVariable String conversationId,
            @Valid @RequestBody PostMessageRequest request,
            @RequestHeader(name = WaitPreference.PREFER, required = false) List<String> prefer,
            ChannelClient client) {
        ConversationBinding conversation = bindings.require(conversationId, client);
        String messageId = request.messageId();
        OptionalInt wait = WaitPreference.seconds(prefer);
        if (wait.isEmpty()) {
            publisher.messageReceived(conversation, messageId, request.text(), client);
            return CompletableFuture.completedFuture(accepted(conversationId, messageId, new HttpHeaders()));
        }
        // wait before publishing: the answer can arrive before the broker's acknowledgement does
        CompletableFuture<Optional<Replies>> answer =
                replies.awaitAnswer(conversationId, messageId, Duration.ofSeconds(wait.getAsInt()));
        try {
            publisher.messageReceived(conversation, messageId, request.text(), client);
        } catch (RuntimeException e) {
            answer.cancel(false);
            throw e;
        }
        HttpHeaders applied = new HttpHeaders();
        applied.set(WaitPreference.PREFERENCE_APPLIED, WaitPreference.applied(wait.getAsInt()));
        // the request thread is released while waiting; the final reply (or the timeout) completes the response
        return answer.thenApply(answered -> answered
                .map(all -> ResponseEntity.ok().headers(applied)
                        .<Object>body(MessageAnsweredResponse.of(conversationId, messageId, all)))
                .orElseGet(() -> accepted(conversationId, messageId, applied)));
    }

    @GetMapping("/{conversationId}")
    ConversationView get(@PathVariable String conversationId, ChannelClient client) {
        return ConversationView.of(bindings.currentState(conversationId, client));
    }

    private static ResponseEntity<Object> accepted(String conversationId, String messageId, HttpHeaders headers) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).headers(headers)
                .body(MessageAcceptedResponse.of(conversationId, messageId));
    }
}
