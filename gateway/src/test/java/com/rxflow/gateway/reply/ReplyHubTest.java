package com.rxflow.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.rxflow.gateway.TestGatewayProperties;

class ReplyHubTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final ReplyHub hub = new ReplyHub(TestGatewayProperties.defaults());

    @Test
    void aWaiterIsAnsweredWithEveryReplyOnceTheFinalOneArrives() throws Exception {
        CompletableFuture<Optional<Replies>> answer = hub.awaitAnswer("c1", "m1", PATIENCE);

        hub.deliver("c1", reply("r1", "m1", 1, false));
        hub.deliver("c1", reply("r2", "m1", 2, true));

        assertThat(answer.get(1, TimeUnit.SECONDS)).hasValueSatisfying(replies -> {
            assertThat(replies.replies()).extracting(ReplyView::replyId).containsExactly("r1", "r2");
            assertThat(replies.finalReply()).map(ReplyView::replyId).hasValue("r2");
        });
    }

    @Test
    void aReplyThatIsNotFinalDoesNotEndTheWait() {
        CompletableFuture<Optional<Replies>> answer = hub.awaitAnswer("c1", "m1", PATIENCE);

        hub.deliver("c1", reply("r1", "m1", 1, false));

        assertThat(answer).isNotDone();
        assertThat(hub.repliesTo("c1", "m1")).isPresent();
    }

    @Test
    void aWaitThatStartsAfterTheReplyIsAnsweredFromTheCache() throws Exception {
        hub.deliver("c1", reply("r1", "m1", 1, true));

        assertThat(hub.awaitAnswer("c1", "m1", PATIENCE).get(1, TimeUnit.SECONDS)).isPresent();
    }

    @Test
    void aWaitWithoutAnAnswerEndsEmptyAfterItsPatience() throws Exception {
        CompletableFuture<Optional<Replies>> answer = hub.awaitAnswer("c1", "m1", Duration.ofMillis(50));

        assertThat(answer.get(1, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void repliesToOtherMessagesOrConversationsDoNotAnswer() {
        CompletableFuture<Optional<Replies>> answer = hub.awaitAnswer("c1", "m1", PATIENCE);

        hub.deliver("c1", reply("r1", "m2", 1, true));
        hub.deliver("c2", reply("r2", "m1", 1, true));
        hub.deliver("c1", reply("r3", null, 2, true));

        assertThat(answer).isNotDone();
    }

    @Test
    void repliesAreKeptInSequenceOrder() {
        hub.deliver("c1", reply("r3", "m1", 3, true));
        hub.deliver("c1", reply("r1", "m1", 1, false));
        hub.deliver("c1", reply("r2", "m1", 2, false));

        assertThat(hub.repliesTo("c1", "m1")).hasValueSatisfying(replies ->
                assertThat(replies.replies()).extracting(ReplyView::sequence).containsExactly(1L, 2L, 3L));
    }

    @Test
    void aReplyDeliveredTwiceIsKeptOnce() {
        hub.deliver("c1", reply("r1", "m1", 1, false));
        hub.deliver("c1", reply("r1", "m1", 1, false));

        assertThat(hub.repliesTo("c1", "m1")).hasValueSatisfying(replies -> assertThat(replies.replies()).hasSize(1));
    }

    @Test
    void everyWaiterOfTheSameMessageIsAnswered() throws Exception {
        CompletableFuture<Optional<Replies>> first = hub.awaitAnswer("c1", "m1", PATIENCE);
        CompletableFuture<Optional<Replies>> second = hub.awaitAnswer("c1", "m1", PATIENCE);
        first.cancel(false);

        hub.deliver("c1", reply("r1", "m1", 1, true));

        assertThat(second.get(1, TimeUnit.SECONDS)).isPresent();
    }

    private static ReplyView reply(String replyId, String inReplyTo, long sequence, boolean last) {
        return new ReplyView(replyId, inReplyTo, sequence, "text " + sequence, "ASSISTANT", "GATHERING_INFO", null,
                last, Instant.parse("2025-01-01T10:00:00Z"));
    }
}
