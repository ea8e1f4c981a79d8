package com.rxflow.gateway.conversation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.problem.UnavailableException;

/**
 * Which patient and client each conversation is bound to, so a signed-in patient reaches only
 * their own conversations and a channel client only those it opened. Bindings never change, so
 * they are cached: filled when this gateway opens a conversation and from the processor's answers;
 * on a miss the processor is asked.
 */
@Component
public class ConversationBindings {

    /** Conversation ids are UUIDs from a gateway, or ids of the same shape from channel adapters. */
    private static final Pattern CONVERSATION_ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,64}$");
    private static final Duration RETRY_INTERVAL = Duration.ofMillis(100);

    private final ConversationDirectory directory;
    private final Duration patience;
    private final Cache<String, ConversationBinding> bindings;

    public ConversationBindings(ConversationDirectory directory, GatewayProperties properties) {
        this.directory = directory;
        this.patience = properties.bindingLookupPatience();
        this.bindings = Caffeine.newBuilder()
                .expireAfterAccess(properties.bindingCache().ttl())
                .maximumSize(properties.bindingCache().maximumSize())
                .build();
    }

    public void remember(ConversationBinding binding) {
        bindings.put(binding.conversationId(), binding);
    }

    /**
     * The binding of a conversation the caller may post to. A conversation opened a moment ago may
     * not have reached the processor yet, so an unknown one is asked about again for a little while.
     *
     * @throws ConversationNotFoundException when it is unknown or out of the caller's reach
     */
    public ConversationBinding require(String conversationId, Caller caller) {
        checkId(conversationId);
        ConversationBinding binding = Optional.ofNullable(bindings.getIfPresent(conversationId))
                .or(() -> findPatiently(conversationId, patience).map(this::remember))
                .orElseThrow(ConversationNotFoundException::new);
        return reachable(binding, caller);
    }

    /**
     * The conversation's current state, read from the processor.
     *
     * @throws ConversationNotFoundException when it is unknown or out of the caller's reach
     */
    public ConversationState currentState(String conversationId, Caller caller) {
        checkId(conversationId);
        ConversationBinding known = bindings.getIfPresent(conversationId);
        if (known != null) {
            reachable(known, caller);
        }
        // only a conversation known to exist is worth waiting for: the processor may be catching up
        ConversationState state = findPatiently(conversationId, known == null ? Duration.ZERO : patience)
                .orElseThrow(ConversationNotFoundException::new);
        reachable(remember(state), caller);
        return state;
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

    private Optional<ConversationState> findPatiently(String conversationId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<ConversationState> found = directory.find(conversationId);
            long remaining = deadline - System.nanoTime();
            if (found.isPresent() || remaining <= 0) {
                return found;
            }
            pause(Math.min(remaining, RETRY_INTERVAL.toNanos()));
        }
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("Interrupted while looking the conversation up.", e);
        }
    }

    private static void checkId(String conversationId) {
        if (!CONVERSATION_ID.matcher(conversationId).matches()) {
            throw new ConversationNotFoundException();
        }
    }
}
