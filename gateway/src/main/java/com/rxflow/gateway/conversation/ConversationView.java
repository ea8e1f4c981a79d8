package com.rxflow.gateway.conversation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as its channel client sees it: the processor's view without the client id,
 * which is the gateway's business, not the client's.
 */
public record ConversationView(String conversationId, String patientId, String channel, String conversationType,
        String state, String step, Long turns, Instant createdAt, Instant updatedAt,
        List<ConversationState.Pending> pending, List<ConversationState.TranscriptLine> transcript,
        ConversationState.Profile profile) {

    static ConversationView of(ConversationState state) {
        return new ConversationView(state.conversationId(), state.patientId(), state.channel(),
                state.conversationType(), state.state(), state.step(), state.turns(), state.createdAt(),
                state.updatedAt(), orEmpty(state.pending()), orEmpty(state.transcript()), state.profile());
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
