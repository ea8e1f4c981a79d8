package com.rxflow.gateway.conversation;

import com.rxflow.gateway.auth.ChannelClient;

/**
 * What a conversation is bound to for its whole life: one patient and the channel client that
 * opened it. Only that client may read it or post to it.
 */
public record ConversationBinding(String conversationId, String patientId, String clientId, String channel) {

    static ConversationBinding of(ConversationState state) {
        return new ConversationBinding(state.conversationId(), state.patientId(), state.clientId(), state.channel());
    }

    boolean boundTo(ChannelClient client) {
        return clientId.equals(client.id());
    }
}
