package com.rxflow.gateway.conversation;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
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
 * <p>A post only writes: the message is published without asking anyone first. A repeated id is
 * answered, cheapest first, from this instance's reply cache (nothing is published), else by the
 * processor itself: it remembers recent message ids, decides nothing new for a repeat and, once the
 * turn is complete, says its replies again ({@code ANSWER_REPEATED}, same reply ids), which complete
 * the wait like any reply. The processor's transcript is read only when a wait times out, for an
 * answer that came but was missed (for example a reply written while this instance was starting).
 */
@Component
class MessageSubmissions {

    private static final Logger log = LoggerFactory.getLogger(MessageSubmissions.class);

    private final PatientEventPublisher publisher;
    private final ReplyHub replies;
    private final ConversationDirectory directory;
    private final TurnMetrics turns;
    private final Executor lookups;
    /** Messages this instance published and whose replies may still be on their way. */
    private final Cache<String, Boolean> published;

    MessageSubmissions(PatientEventPublisher publisher, ReplyHub replies, ConversationDirectory directory,
            TurnMetrics turns, GatewayProperties properties,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor lookups) {
        this.publisher = publisher;
        this.replies = replies;
        this.directory = directory;
        this.turns = turns;
        this.lookups = lookups;
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
     *         through this instance before), or empty when the message is accepted and the answer comes later
     */
    CompletableFuture<Optional<MessageAnsweredResponse>> submit(ConversationBinding conversation, String messageId,
            String text, OptionalInt wait, ChannelClient client) {
        String conversationId = conversation.conversationId();
        Optional<Replies> cached = replies.repliesTo(conversationId, messageId).filter(r -> r.finalReply().isPresent());
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(Optional.of(MessageAnsweredResponse.of(conversationId, messageId,
                    cached.get())));
        }
        // register the wait before the message is published: the answer can come before the send returns
        CompletableFuture<Optional<Replies>> answer = wait.isPresent()
                ? replies.awaitAnswer(conversationId, messageId, Duration.ofSeconds(wait.getAsInt()))
                : CompletableFuture.completedFuture(Optional.empty());
        try {
            publishOnce(conversation, messageId, text, client);
        } catch (RuntimeException e) {
            answer.cancel(false);
            throw e;
        }
        if (wait.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return answer.thenCompose(answered -> answered.isPresent()
                ? CompletableFuture.completedFuture(Optional.of(MessageAnsweredResponse.of(conversationId, messageId,
                        answered.get())))
                // the wait timed out on the timer's thread: the lookup blocks, so it runs elsewhere
                : CompletableFuture.supplyAsync(() -> fromTranscript(conversationId, messageId), lookups));
    }

    private void publishOnce(ConversationBinding conversation, String messageId, String text, ChannelClient client) {
        String key = conversation.conversationId() + "/" + messageId;
        if (published.getIfPresent(key) != null) {
            return; // a retry while the first post's answer is still on its way
        }
        publisher.messageReceived(conversation, messageId, text, client);
        turns.started(conversation.conversationId(), messageId);
        published.put(key, Boolean.TRUE);
    }

    /** After a wait timed out: the answer, if the processor's transcript shows the turn complete. */
    private Optional<MessageAnsweredResponse> fromTranscript(String conversationId, String messageId) {
        try {
            Optional<Transcript> transcript = directory.find(conversationId).map(Transcript::of);
            return transcript.flatMap(t -> t.answerTo(messageId).map(all -> MessageAnsweredResponse.of(
                    conversationId, messageId, all, t.conversation().state(), t.conversation().step())));
        } catch (UnavailableException e) {
            log.debug("Not answered within the wait, and the transcript of {} cannot be read: {}", conversationId,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
