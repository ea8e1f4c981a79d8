package com.rxflow.gateway.stream;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.reply.ReplySink;
import com.rxflow.gateway.reply.ReplyView;

/**
 * The open event streams of this instance, by conversation. Every instance reads every reply, so a
 * stream is served by whichever instance the client reached; nothing needs to be shared.
 *
 * <p>On shutdown the streams are ended first, before the web server's graceful shutdown begins:
 * an open stream is a request that never finishes by itself and would hold the shutdown up to its
 * timeout, while a client whose stream ends reconnects (to another instance) with
 * {@code Last-Event-ID} and misses nothing.
 */
@Component
public class ConversationStreams implements ReplySink, SmartLifecycle {

    private final ConcurrentMap<String, Set<ReplyStream>> open = new ConcurrentHashMap<>();
    private final Duration timeout;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean running;

    public ConversationStreams(GatewayProperties properties) {
        this.timeout = properties.stream().timeout();
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-stream-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.stream().heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a stream of the conversation's replies after {@code lastEventId}. Register before
     * reading what to replay, then {@link ReplyStream#replay} it: nothing falls in between.
     *
     * @param resuming whether the client resumes (missed replies will be replayed)
     */
    ReplyStream open(String conversationId, long lastEventId, boolean resuming) {
        ReplyStream stream = new ReplyStream(conversationId, new SseEmitter(timeout.toMillis()), lastEventId, resuming);
        SseEmitter emitter = stream.emitter();
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> {
            close(stream);
            emitter.complete();
        });
        emitter.onError(failure -> close(stream));
        open.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        return stream;
    }

    /** Forgets a stream that will never be served (its replay could not be read). */
    void abandon(ReplyStream stream) {
        close(stream);
    }

    @Override
    public void deliver(String conversationId, ReplyView reply) {
        Set<ReplyStream> streams = open.get(conversationId);
        if (streams != null) {
            streams.forEach(stream -> stream.deliver(reply));
        }
    }

    /** How many streams of the conversation this instance serves. */
    int openStreams(String conversationId) {
        Set<ReplyStream> streams = open.get(conversationId);
        return streams == null ? 0 : streams.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        heartbeats.shutdownNow();
        open.values().stream().flatMap(Set::stream).toList().forEach(stream -> stream.emitter().complete());
        open.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server (whose graceful shutdown runs in a lower phase) waits for requests. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void heartbeat() {
        List<ReplyStream> all = open.values().stream().flatMap(Set::stream).toList();
        for (ReplyStream stream : all) {
            stream.heartbeat();
            if (stream.isClosed()) {
                close(stream);
            }
        }
    }

    private void close(ReplyStream stream) {
        stream.markClosed();
        open.computeIfPresent(stream.conversationId(), (id, streams) -> {
            streams.remove(stream);
            return streams.isEmpty() ? null : streams;
        });
    }
}
