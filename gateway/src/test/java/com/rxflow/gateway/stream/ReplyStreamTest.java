package com.rxflow.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.gateway.reply.ReplyView;

class ReplyStreamTest {

    private final List<String> sent = new CopyOnWriteArrayList<>();
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
        ReplyStream stream = new ReplyStream("c1", emitter, 1, true, Runnable::run, 64);

        stream.deliver(reply(3));
        stream.deliver(reply(2));
        stream.replay(List.of(reply(2)));
        stream.deliver(reply(3));
        stream.deliver(reply(4));

        assertThat(replyIds()).containsExactly("2", "3", "4");
    }

    @Test
    void repliesTheClientSawAreNotSentAgain() {
        ReplyStream stream = new ReplyStream("c1", emitter, 5, false, Runnable::run, 64);

        stream.deliver(reply(4));
        stream.deliver(reply(5));
        stream.deliver(reply(6));

        assertThat(replyIds()).containsExactly("6");
    }

    @Test
    void aStateEventFollowsAReplyThatMovesTheConversation() {
        ReplyStream stream = new ReplyStream("c1", emitter, 0, false, Runnable::run, 64);

        stream.deliver(reply(1, "GATHERING_INFO", "ASK_MEDICATION"));
        stream.deliver(reply(2, "GATHERING_INFO", "ASK_MEDICATION"));
        stream.deliver(reply(3, "PROCESSING", "SELECT_PHARMACY"));

        assertThat(sent.stream().filter(event -> event.contains("event:state")).count()).isEqualTo(2);
    }

    @Test
    void aClientThatStopsReadingIsDroppedOnceItsQueueIsFullWhileTheDelivererNeverWaits() throws Exception {
        CountDownLatch unblock = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        AtomicBoolean completed = new AtomicBoolean();
        SseEmitter stuck = new SseEmitter() {
            @Override
            public void send(SseEventBuilder builder) throws IOException {
                writing.countDown();
                try {
                    unblock.await(); // a client that does not read: the write does not return
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void complete() {
                completed.set(true);
            }
        };
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicInteger droppedCalls = new AtomicInteger();
        try {
            ReplyStream stream = new ReplyStream("c1", stuck, 0, false, writer, 4);
            stream.onDropped(droppedCalls::incrementAndGet);

            stream.deliver(reply(1));
            assertThat(writing.await(5, java.util.concurrent.TimeUnit.SECONDS)).as("the writer is in the write").isTrue();
            long start = System.nanoTime();
            for (int sequence = 2; sequence <= 20; sequence++) {
                stream.deliver(reply(sequence));
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(tookMillis).as("delivering never waits for the client").isLessThan(500);
            assertThat(stream.wasDropped()).isTrue();
            assertThat(stream.isClosed()).isTrue();
            assertThat(droppedCalls).hasValue(1);
            assertThat(completed).as("ended only once its writer is free").isFalse();

            unblock.countDown();
            await().atMost(Duration.ofSeconds(5)).untilTrue(completed);
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void aClientThatKeepsUpGetsEveryEventInOrderFromTheWriter() throws Exception {
        ExecutorService writer = Executors.newFixedThreadPool(2);
        try {
            ReplyStream stream = new ReplyStream("c1", emitter, 0, false, writer, 64);
            for (int sequence = 1; sequence <= 50; sequence++) {
                stream.deliver(reply(sequence));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> replyIds().size() == 50);

            assertThat(replyIds()).containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 50).mapToObj(Long::toString).toList());
            assertThat(stream.wasDropped()).isFalse();
        } finally {
            writer.shutdownNow();
        }
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
