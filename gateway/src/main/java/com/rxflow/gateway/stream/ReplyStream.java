package com.rxflow.gateway.stream;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.gateway.reply.ReplyView;

/**
 * One client's server-sent event stream of a conversation. Sends every reply once and in order
 * (the event id is the reply's sequence number), and a {@code state} event whenever a reply moves
 * the conversation to another state or step.
 *
 * <p>While the replies a reconnecting client missed are replayed from the processor's transcript,
 * live replies are held back, then sent unless the replay already covered them, so a reply that
 * arrives mid-replay is neither lost nor sent twice.
 *
 * <p>Nothing here writes to the client on the caller's thread (the reply listener's, which serves
 * every patient of the instance): events go to a bounded queue that one writer task at a time
 * drains, in order, on the writers' executor. A client that stops reading blocks only its own
 * writer; once its queue is full it is <em>dropped</em>: the queue is emptied, nothing more is
 * queued, and the stream is ended as soon as its writer is free. The client reconnects with
 * {@code Last-Event-ID} and the replies it missed are replayed.
 */
final class ReplyStream {

    static final String REPLY = "reply";
    static final String STATE = "state";
    static final String READY = "ready";

    private final String conversationId;
    private final SseEmitter emitter;
    private final Executor writers;
    private final int capacity;
    private final Deque<SseEmitter.SseEventBuilder> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean dropped;
    private Runnable onDropped = () -> { };
    private long lastSent;
    private boolean replaying;
    private final List<ReplyView> heldBack = new ArrayList<>();
    private String state;
    private String step;
    private boolean closed;

    /**
     * @param writers  where the queued events are written to the client
     * @param capacity how many events may wait for a client before it is dropped
     */
    ReplyStream(String conversationId, SseEmitter emitter, long lastEventId, boolean replaying, Executor writers,
            int capacity) {
        this.conversationId = conversationId;
        this.emitter = emitter;
        this.lastSent = lastEventId;
        this.replaying = replaying;
        this.writers = writers;
        this.capacity = capacity;
    }

    /** Called (once, under this stream's lock) when the client fell behind and the stream was dropped. */
    synchronized void onDropped(Runnable action) {
        this.onDropped = action;
    }

    synchronized boolean wasDropped() {
        return dropped;
    }

    String conversationId() {
        return conversationId;
    }

    SseEmitter emitter() {
        return emitter;
    }

    /** Tells the client the stream is live: replies from now on reach it. */
    synchronized void ready() {
        send(SseEmitter.event().name(READY).data(Map.of("conversationId", conversationId, "lastEventId", lastSent),
                MediaType.APPLICATION_JSON));
    }

    /** A reply read from Kafka. */
    synchronized void deliver(ReplyView reply) {
        if (replaying) {
            heldBack.add(reply);
        } else {
            sendIfNew(reply);
        }
    }

    /** Sends the replies the client missed, then the live ones that arrived meanwhile. */
    synchronized void replay(List<ReplyView> missed) {
        missed.forEach(this::sendIfNew);
        heldBack.sort(Comparator.comparingLong(ReplyView::sequence));
        heldBack.forEach(this::sendIfNew);
        heldBack.clear();
        replaying = false;
    }

    /** A comment line: keeps proxies from closing an idle stream and finds clients that went away. */
    synchronized void heartbeat() {
        send(SseEmitter.event().comment("keep-alive"));
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized void markClosed() {
        closed = true;
    }

    private void sendIfNew(ReplyView reply) {
        if (reply.sequence() <= lastSent) {
            return;
        }
        lastSent = reply.sequence();
        send(SseEmitter.event().name(REPLY).id(Long.toString(reply.sequence())).data(reply, MediaType.APPLICATION_JSON));
        if (reply.state() != null && (!reply.state().equals(state) || !Objects.equals(reply.step(), step))) {
            state = reply.state();
            step = reply.step();
            send(SseEmitter.event().name(STATE).data(new StateChange(conversationId, state, step, reply.at()),
                    MediaType.APPLICATION_JSON));
        }
    }

    /** Queues an event for the writer; a client whose queue is full is dropped. */
    private void send(SseEmitter.SseEventBuilder event) {
        if (closed) {
            return;
        }
        if (queue.size() >= capacity) {
            drop();
            return;
        }
        queue.add(event);
        if (!writing) {
            writing = true;
            writers.execute(this::write);
        }
    }

    private void drop() {
        closed = true;
        dropped = true;
        queue.clear();
        onDropped.run();
        // the writer is busy with this client (that is why the queue is full): it ends the stream once free
    }

    /** Writes the queued events in order until none is left; the only place that writes to the client. */
    private void write() {
        while (true) {
            SseEmitter.SseEventBuilder next;
            boolean end;
            synchronized (this) {
                next = closed ? null : queue.poll();
                end = next == null && dropped;
                if (next == null) {
                    writing = false;
                }
            }
            if (next == null) {
                if (end) {
                    emitter.complete();
                }
                return;
            }
            try {
                emitter.send(next);
            } catch (IOException | IllegalStateException e) {
                // the client went away or the stream timed out: it reconnects with Last-Event-ID if it cares
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    writing = false;
                }
                emitter.completeWithError(e);
                return;
            }
        }
    }
}
