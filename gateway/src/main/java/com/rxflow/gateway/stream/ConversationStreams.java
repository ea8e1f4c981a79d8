package com.rxflow.gateway.stream;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.gateway.GatewayProperties;
import com.rxflow.gateway.ratelimit.RateLimitedException;
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
 *
 * <p>Streams are capped per conversation and per caller key (a channel key, or a signed-in
 * patient): one more is refused with 429. Delivering a reply only queues it on each stream (see
 * {@link ReplyStream}); the writers' threads write, so a client that stops reading never delays
 * the reply listener, and with it every other patient of this instance.
 */
@Component
public class ConversationStreams implements ReplySink, SmartLifecycle {

    /** Seconds a client refused for too many streams is asked to wait before trying again. */
    static final long RETRY_AFTER_SECONDS = 5;

    private final ConcurrentMap<String, Set<ReplyStream>> open = new ConcurrentHashMap<>();
    private final ConcurrentMap<ReplyStream, String> owners = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> perKey = new ConcurrentHashMap<>();
    private final GatewayProperties.Stream limits;
    private final Duration timeout;
    private final ScheduledExecutorService heartbeats;
    private final ThreadPoolExecutor writers;
    private volatile boolean running;

    public ConversationStreams(GatewayProperties properties) {
        this.limits = properties.stream();
        this.timeout = properties.stream().timeout();
        AtomicInteger writerCount = new AtomicInteger();
        this.writers = new ThreadPoolExecutor(limits.writers(), limits.writers(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-stream-writer-" + writerCount.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        writers.allowCoreThreadTimeOut(true);
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
     * @param ownerKey who opens it, for the per-key cap ({@code Caller.rateLimitKey()})
     * @param resuming whether the client resumes (missed replies will be replayed)
     * @throws RateLimitedException when the conversation or the key already has as many streams as allowed
     */
    ReplyStream open(String conversationId, String ownerKey, long lastEventId, boolean resuming) {
        ReplyStream stream = new ReplyStream(conversationId, new SseEmitter(timeout.toMillis()), lastEventId, resuming,
                writers, limits.queueCapacity());
        synchronized (this) {
            if (openStreams(conversationId) >= limits.maxPerConversation()) {
                throw new RateLimitedException("This conversation already has " + limits.maxPerConversation()
                        + " open streams; close one first.", RETRY_AFTER_SECONDS);
            }
            AtomicInteger ofKey = perKey.computeIfAbsent(ownerKey, key -> new AtomicInteger());
            if (ofKey.get() >= limits.maxPerKey()) {
                throw new RateLimitedException("Too many open streams for this key (at most " + limits.maxPerKey()
                        + ").", RETRY_AFTER_SECONDS);
            }
            ofKey.incrementAndGet();
            owners.put(stream, ownerKey);
            open.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        }
        SseEmitter emitter = stream.emitter();
        emitter.onCompletion(() -> close(stream));
        emitter.onTimeout(() -> {
            close(stream);
            emitter.complete();
        });
        emitter.onError(failure -> close(stream));
        stream.onDropped(() -> close(stream));
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

    /**
     * Not for streams: a reply said again answers the retried post that waits for it. A stream had
     * the reply when it was first sent, or gets it from the transcript when it resumes; sent again
     * to a stream opened since, it would come after newer replies.
     */
    @Override
    public void deliverAgain(String conversationId, ReplyView reply) {
        // nothing to do
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
        owners.clear();
        perKey.clear();
        writers.shutdownNow();
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
        synchronized (this) {
            open.computeIfPresent(stream.conversationId(), (id, streams) -> {
                streams.remove(stream);
                return streams.isEmpty() ? null : streams;
            });
            String owner = owners.remove(stream);
            if (owner != null) {
                perKey.computeIfPresent(owner, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
            }
        }
    }
}
