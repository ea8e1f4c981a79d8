package com.rxflow.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.gateway.reply.ReplyView;

class ReplyStreamTest {

    private final List<String> sent = new ArrayList<>();
    private final SseEmitter emitter = new SseEmitter() {
        @Override
        public void send(SseEventBuilder builder) {
            // the text parts of each event (event:, id:, comment lines), as the client sees them
            StringBuilder event = new StringBuilder();
            Set<ResponseBodyEmitter.DataWithMediaType> parts = builder.build();
            parts.stream().filter(part -> part.getData() instanceof String).forEach(part -> event.append(part.getData()));
            sent.add(event.toString().trim());
        }
    };

    @Test
    void aReplyArrivingWhileMissedOnesAreReplayedIsSentOnceAndInOrder() {
        ReplyStream stream = new ReplyStream("c1", emitter, 1, true);

        stream.deliver(reply(3));
        stream.deliver(reply(2));
        stream.replay(List.of(reply(2)));
        stream.deliver(reply(3));
        stream.deliver(reply(4));

        assertThat(replyIds()).containsExactly("2", "3", "4");
    }

    @Test
    void repliesTheClientSawAreNotSentAgain() {
        ReplyStream stream = new ReplyStream("c1", emitter, 5, false);

        stream.deliver(reply(4));
        stream.deliver(reply(5));
        stream.deliver(reply(6));

        assertThat(replyIds()).containsExactly("6");
    }

    @Test
    void aStateEventFollowsAReplyThatMovesTheConversation() {
        ReplyStream stream = new ReplyStream("c1", emitter, 0, false);

        stream.deliver(reply(1, "GATHERING_INFO", "ASK_MEDICATION"));
        stream.deliver(reply(2, "GATHERING_INFO", "ASK_MEDICATION"));
        stream.deliver(reply(3, "PROCESSING", "SELECT_PHARMACY"));

        assertThat(sent.stream().filter(event -> event.contains("event:state")).count()).isEqualTo(2);
    }

    private List<String> replyIds() {
        return sent.stream().filter(event -> event.contains("event:reply"))
                .map(event -> event.replaceAll("(?s).*id:(\\d+).*", "$1")).toList();
    }

    private static ReplyView reply(long sequence) {
        return reply(sequence, "GATHERING_INFO", null);
    }

    private static ReplyView reply(long sequence, String state, String step) {
        return new ReplyView("r" + sequence, "m" + sequence, sequence, "text", "ASSISTANT", state, step, true,
                Instant.parse("2025-01-01T10:00:00Z"));
    }
}
