package com.rxflow.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.reply.AnswerRepeated;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.schemas.event.Metadata;

/** Test data: reply events as the conversation processor writes them. */
public final class ReplyEvents {

    private ReplyEvents() {
    }

    /** A reply whose id is its event id; a final one leaves the conversation asking for the medication. */
    public static ReplyEvent reply(EventMetadata metadata, String inReplyTo, long sequence, String text, boolean last) {
        return ReplyEvent.newBuilder()
                .setMetadata(metadata)
                .setType(ReplyEventType.ASSISTANT_REPLIED)
                .setReplied(AssistantReplied.newBuilder()
                        .setReplyId(metadata.getEventId())
                        .setInReplyTo(inReplyTo)
                        .setSequence(sequence)
                        .setText(text)
                        .setAuthor(ReplyAuthor.ASSISTANT)
                        .setState(last ? "GATHERING_INFO" : "WAITING_FOR_TOOL")
                        .setStep(last ? "ASK_MEDICATION" : null)
                        .setTurnComplete(last)
                        .build())
                .build();
    }

    /** The processor's answer to a message posted again after its turn completed: its replies as first sent. */
    public static ReplyEvent repeated(EventMetadata metadata, String messageId, ReplyEvent... first) {
        return ReplyEvent.newBuilder()
                .setMetadata(metadata)
                .setType(ReplyEventType.ANSWER_REPEATED)
                .setRepeated(new AnswerRepeated(messageId, java.util.Arrays.stream(first).map(ReplyEvent::getReplied)
                        .toList()))
                .build();
    }

    public static ReplyEvent finalReply(String conversationId, String inReplyTo, String text) {
        return reply(Metadata.start(conversationId, "P100", inReplyTo, "conversation-processor",
                Instant.now().truncatedTo(ChronoUnit.MILLIS)), inReplyTo, 1, text, true);
    }
}
