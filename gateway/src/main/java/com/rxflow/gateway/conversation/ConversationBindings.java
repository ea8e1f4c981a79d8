package com.rxflow.gateway.conversation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.problem.UnavailableException;

/**
 * Which patient and client each conversation is bound to, so a signed-in patient reaches only
 * their own conversations and a channel client only those it opened. Bindings never change, so
 * they are cached: filled when this gateway opens a conversation and from the processor's answers;
 * on a miss the processor is asked. A conversation opened a moment ago (through another instance)
 * may not have reached the processor yet, so it is asked again for a little while; the request
 * thread never sleeps meanwhile: each later attempt is scheduled on the task executor and the
 * request completes when one answers.
 */
@Component
public class ConversationBindings {

    /** Conversation ids are UUIDs from a gateway, or ids of the same shape from channel adapters. */
    private static final Pattern CONVERSATION_ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,64}$");
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final ConversationDirectory directory;
    private final Duration patience;
    private final Executor lookups;
    private final Cache<String, ConversationBinding> bindings;

    public ConversationBindings(ConversationDirectory directory, GatewayProperties properties,
            @Qualifier(TaskExecutionAutoConfiguration.APPLICATION_TASK_EXECUTOR_BEAN_NAME) Executor lookups) {
        this.directory = directory;
        this.patience = properties.bindingLookupPatience();
        this.lookups = lookups;
        this.bindings = Caffeine.newBuilder()
                .expireAfterAccess(properties.bindingCache().ttl())
                .maximumSize(properties.bindingCache().maximumSize())
                .build();
    }

    public void remember(ConversationBinding binding) {
        bindings.put(binding.conversationId(), binding);
    }

    /**
     * The binding of a conversation the caller may post to, at once when it is cached. An unknown
     * one is asked about again for a little while.
     *
     * @return completes with the binding, or with {@link ConversationNotFoundException} when it is
     *         unknown or out of the caller's reach ({@link UnavailableException} when the processor
     *         cannot answer)
     */
    public CompletableFuture<ConversationBinding> require(String conversationId, Caller caller) {
        checkId(conversationId);
        ConversationBinding known = bindings.getIfPresent(conversationId);
        if (known != null) {
            return CompletableFuture.completedFuture(reachable(known, caller));
        }
        return findPatiently(conversationId, deadline(patience)).thenApply(found -> reachable(
                remember(found.orElseThrow(ConversationNotFoundException::new)), caller));
    }

    /**
     * The conversation's current state, read from the processor.
     *
     * @return completes with the state, or with {@link ConversationNotFoundException} when it is
     *         unknown or out of the caller's reach
     */
    public CompletableFuture<ConversationState> currentState(String conversationId, Caller caller) {
        checkId(conversationId);
        ConversationBinding known = bindings.getIfPresent(conversationId);
        if (known != null) {
            reachable(known, caller);
        }
        // only a conversation known to exist is worth waiting for: the processor may be catching up
        return findPatiently(conversationId, deadline(known == null ? Duration.ZERO : patience)).thenApply(found -> {
            ConversationState state = found.orElseThrow(ConversationNotFoundException::new);
            reachable(remember(state), caller);
            return state;
        });
    }

    private ConversationBinding remember(ConversationState state) {
        ConversationBinding binding = ConversationBinding.of(state);
        remember(binding);
        return binding;
    }

    /** The binding, if the caller may reach it; otherwise the conversation does not exist for the caller. */
    private static ConversationBinding reachable(ConversationBinding binding, Caller caller) {
        if (!binding.reachableBy(caller)) {
            throw new ConversationNotFoundException();
        }
        return binding;
    }

    private static long deadline(Duration wait) {
        return System.nanoTime() + wait.toNanos();
    }

    /** Asks now, on the calling thread; if unknown and time is left, asks again later on the executor. */
    private CompletableFuture<Optional<ConversationState>> findPatiently(String conversationId, long deadline) {
        Optional<ConversationState> found;
        try {
            found = directory.find(conversationId);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long remaining = deadline - System.nanoTime();
        if (found.isPresent() || remaining <= 0) {
            return CompletableFuture.completedFuture(found);
        }
        Executor later = CompletableFuture.delayedExecutor(Math.min(remaining, RETRY_INTERVAL.toNanos()),
                TimeUnit.NANOSECONDS, lookups);
        return CompletableFuture.supplyAsync(() -> conversationId, later)
                .thenCompose(id -> findPatiently(id, deadline));
    }

    private static void checkId(String conversationId) {
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw new ConversationNotFoundException();
        }
    }
}
