package com.rxflow.gateway.conversation;

import java.util.Optional;

import com.rxflow.gateway.problem.UnavailableException;

/** Where the gateway learns what it does not remember about a conversation: the processor's store. */
public interface ConversationDirectory {

    /**
     * The conversation's current state, or empty when the processor does not know it.
     *
     * @throws UnavailableException when the processor cannot answer now
     */
    Optional<ConversationState> find(String conversationId);
}
