package com.rxflow.gateway.conversation;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.metrics.TurnMetrics;
import com.rxflow.gateway.problem.UnavailableException;
import com.rxflow.gateway.reply.Replies;
import com.rxflow.gateway.reply.ReplyHub;

/**
 * Makes posting a message idempotent by its message id: a message posted again (a client retry,
 * through this instance, another one, or one that restarted since) is one turn, answered with the
 * same replies.
 *
 * <p>What a repeated id is answered from, cheapest first: this instance's reply cache, then the
 * processor's transcript, which keeps each reply with the message id it answers. A message the
 * transcript has is never published again; one it lacks is published, and the processor, which
 * remembers recent message ids, still makes a duplicate one turn. When the processor cannot be
 * asked (it is restarting) the message is published anyway: accepting the patient's message matters
 * more than the cost of a lookup.
 */
@Component
class MessageSubmissions {

    private static final Logger log = LoggerFactory.getLogger(MessageSubmissions.class);

    private final PatientEventPublisher publisher;
    private final ReplyHub replies;
    private final ConversationDirectory directory;
    private final TurnMetrics turns;
    /** Messages this instance published and whose replies may still be on their way. */
    private final Cache<String, Boolean> published;

    MessageSubmissions(PatientEventPublisher publisher, ReplyHub replies, ConversationDirectory directory,
            TurnMetrics turns, GatewayProperties properties) {
        this.publisher = publisher;
        this.replies = replies;
        this.directory = directory;
        this.turns = turns;
        this.published = Caffeine.newBuilder()
                .expireAfterWrite(properties.replyCache().ttl())
                .maximumSize(properties.replyCache().maximumSize())
                .build();
    }

    /**
     * Submits a patient message once.
     *
     * @param wait seconds the client waits for the answer, if it waits
     * @return completes with the answer once the final reply is known (at once for a message answered
     *         before), or empty when the message is accepted and the answer comes later
     */
    CompletableFuture<Optional<MessageAnsweredResponse>> submit(ConversationBinding conversation, String messageId,
            String text, OptionalInt wait, ChannelClient client) {
        String conversationId = conversation.conversationId();
        Optional<Replies> cached = replies.repliesTo(conversationId, messageId).filter(r -> r.finalReply().isPresent());
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(Optional.of(MessageAnsweredResponse.of(conversationId, messageId,
                    cached.get())));
        }
        // register the wait before anything is published or looked up: the answer can come before either returns
        CompletableFuture<Optional<Replies>> answer = wait.isPresent()
                ? replies.awaitAnswer(conversationId, messageId, Duration.ofSeconds(wait.getAsInt()))
                : CompletableFuture.completedFuture(Optional.empty());
        try {
            Optional<MessageAnsweredResponse> known = submitUnlessKnown(conversation, messageId, text, client);
            if (known.isPresent()) {
                answer.cancel(false);
                return CompletableFuture.completedFuture(known);
            }
        } catch (RuntimeException e) {
            answer.cancel(false);
            throw e;
        }
        return answer.thenApply(answered -> answered.map(all ->
                MessageAnsweredResponse.of(conversationId, messageId, all)));
    }

    private Optional<MessageAnsweredResponse> submitUnlessKnown(ConversationBinding conversation, String messageId,
            String text, ChannelClient client) {
        String key = conversation.conversationId() + "/" + messageId;
        if (published.getIfPresent(key) != null) {
            return Optional.empty(); // a retry while the first post's answer is still on its way
        }
        Optional<Transcript> transcript = transcript(conversation.conversationId());
        if (transcript.isPresent() && transcript.get().received(messageId)) {
            ConversationState state = transcript.get().conversation();
            return transcript.get().answerTo(messageId).map(all -> MessageAnsweredResponse.of(
                    conversation.conversationId(), messageId, all, state.state(), state.step()));
        }
        publisher.messageReceived(conversation, messageId, text, client);
        turns.started(conversation.conversationId(), messageId);
        published.put(key, Boolean.TRUE);
        return Optional.empty();
    }

    private Optional<Transcript> transcript(String conversationId) {
        try {
            return directory.find(conversationId).map(Transcript::of);
        } catch (UnavailableException e) {
            log.debug("Publishing without checking the transcript of {}: {}", conversationId, e.getMessage());
            return Optional.empty();
        }
    }
}
