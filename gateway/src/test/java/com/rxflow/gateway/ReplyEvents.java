package com.rxflow.gateway;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.schemas.event.Metadata;

/** Test data: reply events as the conversation processor writes them. */
public final class ReplyEvents {

    private ReplyEvents() {
    }

    public static ReplyEvent reply(String conversationId, String inReplyTo, long sequence, String text, boolean last) {
        return ReplyEvent.newBuilder()
                .setMetadata(Metadata.start(conversationId, "P100", inReplyTo == null ? "none" : inReplyTo,
                        "conversation-processor", Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .setType(ReplyEventType.ASSISTANT_REPLIED)
                .setReplied(AssistantReplied.newBuilder()
                        .setReplyId(UUID.randomUUID().toString())
                        .setInReplyTo(inReplyTo)
                        .setSequence(sequence)
                        .setText(text)
                        .setAuthor(ReplyAuthor.ASSISTANT)
                        .setState(last ? "GATHERING_INFO" : "WAITING_FOR_TOOL")
                        .setStep(last ? "ASK_MEDICATION" : null)
                        .setFinal$(last)
                        .build())
                .build();
    }

    public static ReplyEvent finalReply(String conversationId, String inReplyTo, String text) {
        return reply(conversationId, inReplyTo, 1, text, true);
    }
}
