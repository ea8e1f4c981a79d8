package com.rxflow.gateway.conversation;

/** Answer to opening a conversation: the id every later call names. */
public record ConversationOpenedResponse(String conversationId) {
}
