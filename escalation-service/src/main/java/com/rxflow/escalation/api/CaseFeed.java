package com.rxflow.escalation.api;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.schemas.event.EscalationEvents;

/**
 * Live changes of the queue for open consoles, as server-sent events. Each instance reads every
 * escalation event (a consumer group of its own, from the latest, committed records only), so a
 * console connected to any instance hears of a change made on any other; by the time an event is
 * read its case is stored, so the console's next read shows the change.
 */
@Component
class CaseFeed implements SmartLifecycle {

    /** Longer than any proxy's idle timeout would cut, shorter than a console stays open: it reconnects. */
    private static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final List<SseEmitter> emitters = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;

    SseEmitter subscribe() {
        SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
        emitter.onCompletion(() -> emitters.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(error -> emitters.remove(emitter));
        emitters.add(emitter);
        // an opening comment makes the stream visible to the client at once
        send(emitter, SseEmitter.event().comment("connected"));
        return emitter;
    }

    @KafkaListener(id = "escalation-console-feed",
            topics = "#{@topicCatalogue.name(T(com.rxflow.schemas.topic.TopicCatalogue).ESCALATION_EVENTS)}",
            groupId = "escalation-console-${random.uuid}",
            properties = {"auto.offset.reset=latest", "isolation.level=read_committed"})
    void published(EscalationEvent event) {
        if (event == null || !CaseDecider.SOURCE.equals(event.getMetadata().getSource())) {
            return;
        }
        String escalationId = EscalationEvents.escalationId(event);
        if (escalationId == null) {
            return;
        }
        Map<String, String> change = Map.of("escalationId", escalationId, "type", event.getType().name());
        for (SseEmitter emitter : emitters) {
            send(emitter, SseEmitter.event().name("case").id(event.getMetadata().getEventId()).data(change));
        }
    }

    private void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
        try {
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            // the console went away; its emitter completes and leaves the list
            emitters.remove(emitter);
        }
    }

    @Override
    public void start() {
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "escalation-console-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(() -> emitters.forEach(e -> send(e, SseEmitter.event().comment("keep-alive"))),
                HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends the open streams before the web server stops, so an open console never holds a shutdown up. */
    @Override
    public void stop() {
        running = false;
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        emitters.forEach(SseEmitter::complete);
        emitters.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
