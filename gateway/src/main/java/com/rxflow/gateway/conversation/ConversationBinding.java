package com.rxflow.gateway.conversation;

import com.rxflow.gateway.auth.Caller;

/**
 * What a conversation is bound to for its whole life: one patient and the channel client that
 * opened it. Only that patient (signed in) or that client may read it or post to it.
 */
public record ConversationBinding(String conversationId, String patientId, String clientId, String channel) {

    static ConversationBinding of(ConversationState state) {
        return new ConversationBinding(state.conversationId(), state.patientId(), state.clientId(), state.channel());
    }

    boolean reachableBy(Caller caller) {
        return caller.reaches(patientId, clientId);
    }
}
