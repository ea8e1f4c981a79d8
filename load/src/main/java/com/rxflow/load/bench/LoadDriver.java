package com.rxflow.load.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.rxflow.launcher.channel.ChannelAssertions;
import com.rxflow.load.bench.PatientBook.SimulatedPatient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives simulated patients through the gateway's HTTP API at an open-loop arrival rate.
 *
 * <p>Turns are scheduled by intended time (turn {@code i} of a phase at {@code start + i / rate}),
 * whatever the system's answers, and each turn's latency is measured from its intended time to
 * the answer (posted with {@code Prefer: wait}, so the answer is the final reply): a slow answer
 * never delays the next sends, and a send that leaves late is charged for its lateness (no
 * coordinated omission). Each turn goes to a conversation that is not waiting for an answer,
 * oldest first, so the load spreads over many conversations and patients; a conversation follows
 * its script while the replies take it where the script expects, and a finished one is replaced
 * by a new conversation of the next scenario.
 */
final class LoadDriver implements AutoCloseable {

    /** The scripted conversations. */
    enum Scenario {
        /** "refill my omeprazole" → "yes" → "the cheapest" → "yes": ends in an order. */
        REFILL,
        /** "which medications am I on?": one tool call, one answer. */
        INFO,
        /** "can I take ibuprofen with my meloxicam?": a clinical question, handed to a pharmacist. */
        ESCALATE
    }

    /** One scripted message: its kind (for per-kind latencies), its text and the step its answer should leave. */
    record Turn(String kind, String text, String expectedStep) {
    }

    private static final String DONE = "COMPLETE";

    private final URI gateway;
    private final String apiKey;
    private final ChannelAssertions assertions;
    private final int waitSeconds;
    private final List<SimulatedPatient> patients;
    private final List<SimulatedPatient> refillable;
    private final List<Scenario> cycle;
    private final HttpClient http;
    private final ExecutorService callbacks = Executors.newFixedThreadPool(2, daemon("bench-http"));
    private final JsonMapper json = JsonMapper.builder().build();
    private final ConcurrentLinkedQueue<Conversation> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextPatient = new AtomicInteger();
    private final AtomicInteger nextRefill = new AtomicInteger();
    private final AtomicInteger nextScenario = new AtomicInteger();
    private final AtomicLong messageIds = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    /**
     * @param mix how many conversations of each scenario, per round
     */
    LoadDriver(URI gateway, String apiKey, ChannelAssertions assertions, int waitSeconds, PatientBook patients,
            Map<Scenario, Integer> mix) {
        this.gateway = gateway;
        this.apiKey = apiKey;
        this.assertions = assertions;
        this.waitSeconds = waitSeconds;
        this.patients = patients.all();
        this.refillable = patients.refillable();
        List<Scenario> scenarios = new ArrayList<>();
        mix.forEach((scenario, weight) -> {
            for (int i = 0; i < weight; i++) {
                scenarios.add(scenario == Scenario.REFILL && refillable.isEmpty() ? Scenario.INFO : scenario);
            }
        });
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("The scenario mix is empty");
        }
        this.cycle = List.copyOf(scenarios);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(callbacks).build();
    }

    /** Opens conversations until {@code count} wait idle, so a phase starts with a pool to draw from. */
    void prepare(int count, TurnStats stats) {
        List<CompletableFuture<?>> opening = new ArrayList<>();
        for (int i = idle.size(); i < count; i++) {
            opening.add(open(stats).thenAccept(conversation -> conversation.ifPresent(idle::add)));
            if (opening.size() >= 32) {
                opening.forEach(CompletableFuture::join);
                opening.clear();
            }
        }
        opening.forEach(CompletableFuture::join);
    }

    /**
     * Sends turns at {@code rate} per second for {@code duration}, then waits for the answers still
     * on their way (as long as a turn may wait), so every turn scheduled in the phase is counted.
     */
    void run(double rate, Duration duration, TurnStats stats) {
        OpenLoop.run(rate, duration, intended -> turn(intended, stats), stats.inFlight::get,
                Duration.ofSeconds(waitSeconds + 15L));
    }

    private void turn(long intended, TurnStats stats) {
        stats.sent.incrementAndGet();
        stats.inFlight.incrementAndGet();
        Conversation conversation = idle.poll();
        if (conversation != null) {
            say(conversation, intended, stats);
            return;
        }
        stats.poolMisses.incrementAndGet();
        open(stats).thenAccept(opened -> {
            if (opened.isPresent()) {
                say(opened.get(), intended, stats);
            } else {
                stats.failed("open", "open conversation failed");
                stats.inFlight.decrementAndGet();
            }
        });
    }

    private void say(Conversation conversation, long intended, TurnStats stats) {
        Turn turn = conversation.script.get(conversation.next);
        String messageId = "bench-" + runId + "-" + messageIds.incrementAndGet();
        HttpRequest request = post("/api/v1/conversations/" + conversation.id + "/messages",
                "{\"messageId\":\"" + messageId + "\",\"text\":" + json.writeValueAsString(turn.text()) + "}")
                .header("Prefer", "wait=" + waitSeconds)
                .timeout(Duration.ofSeconds(waitSeconds + 10L))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            long latency = System.nanoTime() - intended;
            try {
                answered(conversation, turn, latency, response, failure, stats);
            } finally {
                stats.inFlight.decrementAndGet();
            }
        });
    }

    private void answered(Conversation conversation, Turn turn, long latency, HttpResponse<String> response,
            Throwable failure, TurnStats stats) {
        if (failure != null) {
            stats.failed(turn.kind(), failure.getClass().getSimpleName());
            replace(stats, conversation.scenario.name().toLowerCase(Locale.ROOT) + " failed");
            return;
        }
        if (response.statusCode() != 200) {
            stats.failed(turn.kind(), response.statusCode() == 202 ? "HTTP 202 (no answer within the wait)"
                    : "HTTP " + response.statusCode());
            replace(stats, conversation.scenario.name().toLowerCase(Locale.ROOT) + " failed");
            return;
        }
        stats.completed(turn.kind(), latency);
        String step = step(response.body());
        conversation.next++;
        if (conversation.next < conversation.script.size() && turn.expectedStep().equals(step)) {
            idle.add(conversation);
        } else {
            replace(stats, outcome(conversation, turn, step));
        }
    }

    private static String outcome(Conversation conversation, Turn turn, String step) {
        boolean asScripted = conversation.next == conversation.script.size() && turn.expectedStep().equals(step);
        switch (conversation.scenario) {
            case REFILL:
                return asScripted ? "refill ended in an order" : "refill stopped at " + step;
            case ESCALATE:
                return asScripted ? "question handed to a pharmacist" : "clinical question ended at " + step;
            default:
                return asScripted ? "information question answered" : "information question ended at " + step;
        }
    }

    private String step(String body) {
        try {
            JsonNode conversation = json.readTree(body).get("conversation");
            return conversation == null || !conversation.hasNonNull("step") ? "?" : conversation.get("step").asString();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** A finished (or failed) conversation makes room for a new one, so the pool keeps its size. */
    private void replace(TurnStats stats, String outcome) {
        stats.outcome(outcome);
        open(stats).thenAccept(opened -> opened.ifPresent(idle::add));
    }

    private CompletableFuture<Optional<Conversation>> open(TurnStats stats) {
        Scenario scenario = cycle.get(Math.floorMod(nextScenario.getAndIncrement(), cycle.size()));
        SimulatedPatient patient = scenario == Scenario.REFILL
                ? refillable.get(Math.floorMod(nextRefill.getAndIncrement(), refillable.size()))
                : patients.get(Math.floorMod(nextPatient.getAndIncrement(), patients.size()));
        HttpRequest request = post("/api/v1/conversations", "{\"channel\":\"web\"}")
                .header(ChannelAssertions.HEADER, assertions.mint(patient.id())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null || response.statusCode() != 201) {
                stats.all.error(failure != null ? "open: " + failure.getClass().getSimpleName()
                        : "open: HTTP " + response.statusCode());
                return Optional.<Conversation>empty();
            }
            String id = json.readTree(response.body()).get("conversationId").asString();
            return Optional.of(new Conversation(id, scenario, script(scenario, patient)));
        });
    }

    static List<Turn> script(Scenario scenario, SimulatedPatient patient) {
        switch (scenario) {
            case REFILL:
                String medication = patient.refill().orElse("omeprazole").toLowerCase(Locale.ROOT);
                return List.of(new Turn("refill: request", "Refill my " + medication, "CONFIRM_DOSAGE"),
                        new Turn("refill: dosage yes", "yes", "SELECT_PHARMACY"),
                        new Turn("refill: the cheapest", "the cheapest", "CONFIRM_ORDER"),
                        new Turn("refill: order yes", "yes", DONE));
            case ESCALATE:
                return List.of(new Turn("clinical question (escalates)", "Can I take ibuprofen with my meloxicam?",
                        "WITH_PHARMACIST"));
            default:
                return List.of(new Turn("information question", "Which medications am I on?", DONE));
        }
    }

    private HttpRequest.Builder post(String path, String body) {
        return HttpRequest.newBuilder(gateway.resolve(path))
                .header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    int idleConversations() {
        return idle.size();
    }

    @Override
    public void close() {
        callbacks.shutdownNow();
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static final class Conversation {
        private final String id;
        private final Scenario scenario;
        private final List<Turn> script;
        private int next;

        Conversation(String id, Scenario scenario, List<Turn> script) {
            this.id = id;
            this.scenario = scenario;
            this.script = script;
        }
    }
}
