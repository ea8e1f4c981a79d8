package com.rxflow.gateway.conversation;

import java.util.List;

import com.rxflow.gateway.reply.Replies;
import com.rxflow.gateway.reply.ReplyView;

/**
 * Answer to a message whose final reply is known: every reply to the message, in sequence order,
 * and where the conversation stands.
 */
public record MessageAnsweredResponse(String messageId, List<ReplyView> replies, Conversation conversation) {

    /** The conversation's lifecycle state and workflow step. */
    public record Conversation(String conversationId, String state, String step) {
    }

    /** Answered by replies read from Kafka: the conversation stands where the final reply left it. */
    static MessageAnsweredResponse of(String conversationId, String messageId, Replies replies) {
        ReplyView last = replies.finalReply().orElseThrow();
        return of(conversationId, messageId, replies, last.state(), last.step());
    }

    /** Answered from the processor's transcript: the conversation stands where the processor says it does now. */
    static MessageAnsweredResponse of(String conversationId, String messageId, Replies replies, String state,
            String step) {
        return new MessageAnsweredResponse(messageId, replies.replies(), new Conversation(conversationId, state, step));
    }
}
