package com.rxflow.gateway.conversation;

import java.util.List;

import com.rxflow.gateway.reply.Replies;
import com.rxflow.gateway.reply.ReplyView;

/**
 * Answer to a message whose final reply came while the client waited: every reply to the message,
 * in sequence order, and where the conversation stands after the last one.
 */
public record MessageAnsweredResponse(String messageId, List<ReplyView> replies, Conversation conversation) {

    /** The conversation's lifecycle state and workflow step after the final reply. */
    public record Conversation(String conversationId, String state, String step) {
    }

    static MessageAnsweredResponse of(String conversationId, String messageId, Replies replies) {
        ReplyView last = replies.finalReply().orElseThrow();
        return new MessageAnsweredResponse(messageId, replies.replies(),
                new Conversation(conversationId, last.state(), last.step()));
    }
}
