package com.rxflow.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.rxflow.gateway.TestGatewayProperties;
import com.rxflow.gateway.auth.Caller;
import com.rxflow.gateway.auth.ChannelClient;
import com.rxflow.gateway.problem.UnavailableException;

class ConversationBindingsTest {

    private static final Caller WEB = new Caller.Channel(new ChannelClient("web-a", "web"));
    private static final Caller OTHER = new Caller.Channel(new ChannelClient("sms-b", "sms"));
    private static final Executor LATER = command -> new Thread(command, "lookup-executor").start();

    private final Deque<Optional<ConversationState>> answers = new ArrayDeque<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<String> lookupThreads = new CopyOnWriteArrayList<>();
    private final ConversationBindings bindings = new ConversationBindings(id -> {
        lookups.incrementAndGet();
        lookupThreads.add(Thread.currentThread().getName());
        return answers.size() > 1 ? answers.pop() : answers.peek();
    }, TestGatewayProperties.defaults(), LATER);

    @Test
    void aConversationThisGatewayOpenedNeedsNoLookup() {
        bindings.remember(new ConversationBinding("c1", "P100", "web-a", "web"));

        assertThat(now(bindings.require("c1", WEB)).patientId()).isEqualTo("P100");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anUnknownConversationIsAskedForUntilTheProcessorHasIt() {
        answers.add(Optional.empty());
        answers.add(Optional.empty());
        answers.add(Optional.of(ConversationStates.boundTo("c1", "web-a")));

        assertThat(now(bindings.require("c1", WEB)).channel()).isEqualTo("web");
        assertThat(lookups).hasValue(3);

        now(bindings.require("c1", WEB));
        assertThat(lookups).as("remembered after the lookup").hasValue(3);
    }

    @Test
    void aConversationTheProcessorNeverHasIsNotFoundAfterThePatience() {
        answers.add(Optional.empty());

        long started = System.nanoTime();
        assertThatThrownBy(() -> now(bindings.require("c1", WEB))).isInstanceOf(ConversationNotFoundException.class);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(500_000_000L);
    }

    @Test
    void aConversationOfAnotherClientIsNotFound() {
        answers.add(Optional.of(ConversationStates.boundTo("c1", "web-a")));

        assertThatThrownBy(() -> now(bindings.require("c1", OTHER))).isInstanceOf(ConversationNotFoundException.class);
        assertThatThrownBy(() -> now(bindings.currentState("c1", OTHER))).isInstanceOf(ConversationNotFoundException.class);
    }

    @Test
    void aMalformedIdIsNotFoundWithoutAsking() {
        assertThatThrownBy(() -> bindings.require("../../actuator", WEB))
                .isInstanceOf(ConversationNotFoundException.class);
        assertThat(lookups).hasValue(0);
    }

    @Test
    void theStateOfAnUnknownConversationIsAskedForOnce() {
        answers.add(Optional.empty());

        assertThatThrownBy(() -> now(bindings.currentState("c1", WEB))).isInstanceOf(ConversationNotFoundException.class);
        assertThat(lookups).hasValue(1);
    }

    @Test
    void theStateOfAConversationThisGatewayOpenedIsWaitedFor() {
        bindings.remember(new ConversationBinding("c1", "P100", "web-a", "web"));
        answers.add(Optional.empty());
        answers.add(Optional.of(ConversationStates.boundTo("c1", "web-a")));

        assertThat(now(bindings.currentState("c1", WEB)).state()).isEqualTo("GATHERING_INFO");
    }

    @Test
    void anUnavailableProcessorIsNotMistakenForAnUnknownConversation() {
        ConversationBindings unreachable = new ConversationBindings(id -> {
            throw new UnavailableException("down");
        }, TestGatewayProperties.defaults(), LATER);

        assertThatThrownBy(() -> now(unreachable.require("c1", WEB))).isInstanceOf(UnavailableException.class);
    }

    @Test
    void theCallerIsNotHeldWhileAnUnknownConversationIsAskedForAgain() {
        answers.add(Optional.empty());
        answers.add(Optional.of(ConversationStates.boundTo("c1", "web-a")));

        long started = System.nanoTime();
        CompletableFuture<ConversationBinding> binding = bindings.require("c1", WEB);
        long returnedAfter = System.nanoTime() - started;

        assertThat(returnedAfter).as("returned before the retry interval").isLessThan(90_000_000L);
        assertThat(now(binding).patientId()).isEqualTo("P100");
        assertThat(lookupThreads).containsExactly(Thread.currentThread().getName(), "lookup-executor");
    }

    /** The outcome of a lookup, its failure as thrown. */
    private static <T> T now(CompletableFuture<T> lookup) {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }
}
