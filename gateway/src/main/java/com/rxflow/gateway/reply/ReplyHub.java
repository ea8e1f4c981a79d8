package com.rxflow.gateway.reply;

import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;

/**
 * Where replies from Kafka meet the HTTP requests waiting for them.
 *
 * <p>A request registers its wait before its message is published, so a fast reply cannot slip
 * past it; the short reply cache answers a wait that starts after the reply arrived (a client
 * that retries, or one that posts again with the same message id). Every gateway instance sees
 * every reply, so whichever instance holds the request answers it.
 */
@Component
public class ReplyHub implements ReplySink {

    private final Cache<ReplyKey, Replies> recent;
    private final ConcurrentMap<ReplyKey, Set<CompletableFuture<Optional<Replies>>>> waiting = new ConcurrentHashMap<>();

    public ReplyHub(GatewayProperties properties) {
        GatewayProperties.ReplyCache cache = properties.replyCache();
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(cache.ttl())
                .maximumSize(cache.maximumSize())
                .build();
    }

    /**
     * Waits for the final reply to a patient message. Register before publishing the message.
     *
     * @return completes with every reply to the message once the final one arrived, or empty when
     *         none did within {@code patience}; cancel it to stop waiting
     */
    public CompletableFuture<Optional<Replies>> awaitAnswer(String conversationId, String messageId, Duration patience) {
        ReplyKey key = new ReplyKey(conversationId, messageId);
        CompletableFuture<Optional<Replies>> answer = new CompletableFuture<>();
        waiting.compute(key, (k, waiters) -> {
            Set<CompletableFuture<Optional<Replies>>> all = waiters == null ? new HashSet<>() : waiters;
            all.add(answer);
            return all;
        });
        answer.whenComplete((replies, failure) -> forget(key, answer));
        answer.completeOnTimeout(Optional.empty(), patience.toMillis(), TimeUnit.MILLISECONDS);
        // checked after registering: a reply delivered in between is either seen here or completes the waiter
        Replies known = recent.getIfPresent(key);
        if (known != null && known.answered()) {
            answer.complete(Optional.of(known));
        }
        return answer;
    }

    /** A reply read from Kafka: remember it and wake whoever waits for its message's final reply. */
    @Override
    public void deliver(String conversationId, ReplyView reply) {
        if (reply.inReplyTo() == null) {
            // nobody waits for a reply to no message (a pharmacist writing on their own); streaming delivers those
            return;
        }
        ReplyKey key = new ReplyKey(conversationId, reply.inReplyTo());
        Replies all = recent.asMap().merge(key, Replies.of(reply), Replies::with);
        if (all.answered()) {
            Set<CompletableFuture<Optional<Replies>>> waiters = waiting.remove(key);
            if (waiters != null) {
                waiters.forEach(waiter -> waiter.complete(Optional.of(all)));
            }
        }
    }

    /** The replies to a message still in the cache. */
    public Optional<Replies> repliesTo(String conversationId, String messageId) {
        return Optional.ofNullable(recent.getIfPresent(new ReplyKey(conversationId, messageId)));
    }

    private void forget(ReplyKey key, CompletableFuture<Optional<Replies>> answer) {
        waiting.computeIfPresent(key, (k, waiters) -> {
            waiters.remove(answer);
            return waiters.isEmpty() ? null : waiters;
        });
    }

    private record ReplyKey(String conversationId, String messageId) {
    }
}
