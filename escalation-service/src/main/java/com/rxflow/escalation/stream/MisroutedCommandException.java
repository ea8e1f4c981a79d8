package com.rxflow.escalation.stream;

/**
 * A command or action whose envelope names another conversation than its record key. It would land on the
 * wrong partition's state and break the one-conversation-one-key rule, so it is refused (and goes
 * to the dead-letter topic) rather than guessed at.
 */
public class MisroutedCommandException extends RuntimeException {

    public MisroutedCommandException(String key, String conversationId, String eventId) {
        super("record " + eventId + " belongs to conversation " + conversationId
                + " but is keyed by " + key);
    }
}
