package com.rxflow.gateway.conversation;

/**
 * Answer to a message that is stored but not answered yet: the reply comes later (or came too
 * late for the requested wait).
 */
public record MessageAcceptedResponse(String conversationId, String messageId, String status) {

    static MessageAcceptedResponse of(String conversationId, String messageId) {
        return new MessageAcceptedResponse(conversationId, messageId, "accepted");
    }
}
