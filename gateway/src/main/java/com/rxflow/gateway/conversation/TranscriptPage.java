package com.rxflow.gateway.conversation;

import java.util.List;

/**
 * One page of a conversation's transcript, oldest line first.
 *
 * @param conversationId the conversation
 * @param page           this page's number, from 0
 * @param size           lines per page
 * @param total          lines in the transcript the processor keeps (its most recent ones)
 * @param messages       this page's lines: the patient's messages and the replies, as plain text
 */
public record TranscriptPage(String conversationId, int page, int size, int total,
        List<ConversationState.TranscriptLine> messages) {

    static TranscriptPage of(ConversationState state, int page, int size) {
        List<ConversationState.TranscriptLine> all = ConversationView.orEmpty(state.transcript());
        int from = (int) Math.min((long) page * size, all.size());
        int to = Math.min(from + size, all.size());
        return new TranscriptPage(state.conversationId(), page, size, all.size(), List.copyOf(all.subList(from, to)));
    }

    boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
