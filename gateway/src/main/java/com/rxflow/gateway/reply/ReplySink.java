package com.rxflow.gateway.reply;

/** Something in the gateway that wants every reply read from Kafka: waiting requests, open streams. */
public interface ReplySink {

    /** A reply of the conversation, in the order the conversation's partition holds them. */
    void deliver(String conversationId, ReplyView reply);
}
