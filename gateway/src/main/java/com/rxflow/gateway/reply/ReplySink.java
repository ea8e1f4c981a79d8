package com.rxflow.gateway.reply;

/** Something in the gateway that wants every reply read from Kafka: waiting requests, open streams. */
public interface ReplySink {

    /** A reply of the conversation, in the order the conversation's partition holds them. */
    void deliver(String conversationId, ReplyView reply);

    /**
     * A reply said again because its message was posted again after its turn completed (same reply
     * id and sequence as the first time). Delivered like any reply by default, so a request waiting
     * for the retried message is answered; open streams ignore it (they had it when it was first sent).
     */
    default void deliverAgain(String conversationId, ReplyView reply) {
        deliver(conversationId, reply);
    }
}
