package com.rxflow.gateway.reply;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.rxflow.events.reply.AssistantReplied;

/**
 * A reply as the channel client receives it.
 *
 * @param replyId   unique id of the reply; a channel delivers each reply id once
 * @param inReplyTo message id of the patient message it answers
 * @param sequence  position of the reply in its conversation, from 1
 * @param text      what the patient is told, as plain text
 * @param author    ASSISTANT, PHARMACIST or SYSTEM
 * @param state     the conversation's lifecycle state after this reply
 * @param step      the workflow step after this reply, if the conversation type has steps
 * @param isFinal   false when more replies to the same message will follow
 * @param at        when the reply was written
 */
public record ReplyView(String replyId, String inReplyTo, long sequence, String text, String author, String state,
        String step, @JsonProperty("final") boolean isFinal, Instant at) {

    public static ReplyView of(AssistantReplied replied, Instant at) {
        return new ReplyView(replied.getReplyId(), replied.getInReplyTo(), replied.getSequence(), replied.getText(),
                replied.getAuthor().name(), replied.getState(), replied.getStep(), replied.getTurnComplete(), at);
    }
}
