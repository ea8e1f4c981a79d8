package com.rxflow.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.gateway.ReplyEvents;
import com.rxflow.gateway.TestGatewayProperties;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.schemas.topic.TopicCatalogue;

class ReplyListenerTest {

    private final ReplyHub hub = new ReplyHub(TestGatewayProperties.defaults());
    private final ReplyListener listener = new ReplyListener(List.of(hub), TopicCatalogue.defaults());

    @Test
    void listensToTheAssistantRepliesTopic() {
        assertThat(listener.getTopic()).isEqualTo("rxflow.assistant-replies");
    }

    @Test
    void handsAnAssistantReplyToTheHub() {
        listener.onReply(ReplyEvents.finalReply("c1", "m1", "Hello"));

        assertThat(hub.repliesTo("c1", "m1")).hasValueSatisfying(replies ->
                assertThat(replies.replies()).singleElement().satisfies(reply -> {
                    assertThat(reply.text()).isEqualTo("Hello");
                    assertThat(reply.author()).isEqualTo("ASSISTANT");
                    assertThat(reply.isFinal()).isTrue();
                }));
    }

    @Test
    void handsTheRepliesOfARepeatedAnswerToTheHubAsSaidAgain() {
        List<String> again = new java.util.ArrayList<>();
        ReplySink recorder = new ReplySink() {
            @Override
            public void deliver(String conversationId, ReplyView reply) {
                throw new AssertionError("a repeated reply is delivered again, not as a new one");
            }

            @Override
            public void deliverAgain(String conversationId, ReplyView reply) {
                again.add(reply.replyId());
            }
        };
        ReplyEvent first = ReplyEvents.finalReply("c1", "m1", "Hello");
        ReplyEvent repeated = ReplyEvents.repeated(Metadata.start("c1", "P100", "m1", "conversation-processor",
                first.getMetadata().getOccurredAt()), "m1", first);

        new ReplyListener(List.of(hub, recorder), TopicCatalogue.defaults()).onReply(repeated);

        assertThat(hub.repliesTo("c1", "m1")).hasValueSatisfying(replies ->
                assertThat(replies.finalReply()).map(ReplyView::replyId).hasValue(first.getReplied().getReplyId()));
        assertThat(again).containsExactly(first.getReplied().getReplyId());
    }

    @Test
    void skipsAnEventOfAKindItDoesNotKnow() {
        ReplyEvent unknown = ReplyEvents.finalReply("c1", "m1", "Hello");
        unknown.setType(ReplyEventType.UNKNOWN);
        unknown.setReplied(null);

        listener.onReply(unknown);

        assertThat(hub.repliesTo("c1", "m1")).isEmpty();
    }
}
