package com.rxflow.gateway.conversation;

/**
 * No conversation with this id exists for the calling client. A conversation bound to another
 * client gets the same answer, so a client cannot probe for other clients' conversations.
 */
public class ConversationNotFoundException extends RuntimeException {

    public ConversationNotFoundException() {
        super("No conversation with this id exists for this client.");
    }
}
