package com.rxflow.gateway.reply;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * Reads the assistant's replies and hands each to every {@link ReplySink}: the {@link ReplyHub}
 * (requests waiting for an answer) and the open event streams. The consumer settings
 * (a group per instance, latest offsets, read-committed) are in {@code gateway.yml}; an
 * unreadable record goes to the gateway's dead-letter topic through the platform's error handler.
 */
@Component
public class ReplyListener {

    static final String LISTENER_ID = "assistant-replies";

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final List<ReplySink> sinks;
    private final String topic;

    public ReplyListener(List<ReplySink> sinks, TopicCatalogue catalogue) {
        this.sinks = List.copyOf(sinks);
        this.topic = catalogue.name(TopicCatalogue.ASSISTANT_REPLIES);
    }

    /** The physical topic, read by the listener annotation below. */
    public String getTopic() {
        return topic;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "#{__listener.topic}")
    public void onReply(ReplyEvent event) {
        String conversationId = event.getMetadata().getConversationId();
        if (event.getType() == ReplyEventType.ASSISTANT_REPLIED && event.getReplied() != null) {
            ReplyView reply = ReplyView.of(event.getReplied(), event.getMetadata().getOccurredAt());
            sinks.forEach(sink -> sink.deliver(conversationId, reply));
        } else if (event.getType() == ReplyEventType.ANSWER_REPEATED && event.getRepeated() != null) {
            // a message posted again: its replies as first sent, each with whether it ended the turn
            for (var replied : event.getRepeated().getReplies()) {
                ReplyView reply = ReplyView.of(replied, event.getMetadata().getOccurredAt());
                sinks.forEach(sink -> sink.deliverAgain(conversationId, reply));
            }
        } else {
            // a kind of output this version does not know: skipping it keeps old gateways running during an upgrade
            log.debug("Skipping reply event {} of type {}", event.getMetadata().getEventId(), event.getType());
        }
    }
}
