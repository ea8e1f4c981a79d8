package com.rxflow.gateway.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 */
final class ReplyStream {

    static final String REPLY = "reply";
    static final String STATE = "state";
    static final String READY = "ready";

    private final String conversationId;
    private final SseEmitter emitter;
    private long lastSent;
    private boolean replaying;
    private final List<ReplyView> heldBack = new ArrayList<>();
    private String state;
    private String step;
    private boolean closed;

    ReplyStream(String conversationId, SseEmitter emitter, long lastEventId, boolean replaying) {
        this.conversationId = conversationId;
        this.emitter = emitter;
        this.lastSent = lastEventId;
        this.replaying = replaying;
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

    private void send(SseEmitter.SseEventBuilder event) {
        if (closed) {
            return;
        }
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // the client went away or the stream timed out: it reconnects with Last-Event-ID if it cares
            closed = true;
            emitter.completeWithError(e);
        }
    }
}
