package com.rxflow.load.chaos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

import com.rxflow.launcher.RxflowServices;
import com.rxflow.platform.security.ServiceKey;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads while tasks move, as the pharmacy's screens would: about once a second a conversation
 * through the processor's interactive-query endpoint ({@code /internal/conversations/{id}}: the
 * instance asked forwards to the one that owns the conversation) and the pharmacists' queue on
 * escalation-service ({@code /api/v1/cases}: the instance asked gathers every instance's part).
 * Each read goes to a random instance in service, and to another one when that one does not
 * accept the connection, as a load balancer would. A read fails when no instance answered 200, or
 * (the queue) when the page says a part of the queue could not be read.
 */
final class QueryReader implements AutoCloseable {

    /** The reads of one kind: how many, how many failed, and the longest run of failures, in time. */
    static final class Tally {
        private long reads;
        private long failed;
        private long failingSince = -1;
        private long longestFailingNanos;

        synchronized void record(boolean ok) {
            reads++;
            long now = System.nanoTime();
            if (!ok) {
                failed++;
                failingSince = failingSince < 0 ? now : failingSince;
            }
            if (failingSince >= 0) {
                longestFailingNanos = Math.max(longestFailingNanos, now - failingSince);
                failingSince = ok ? -1 : failingSince;
            }
        }

        synchronized long reads() {
            return reads;
        }

        synchronized long failed() {
            return failed;
        }

        /** The longest time reads kept failing: from a failed read to the next one that answered, in seconds. */
        synchronized double longestFailingSeconds() {
            return longestFailingNanos / 1e9;
        }

        @Override
        public synchronized String toString() {
            return String.format(Locale.ROOT, "reads=%d failed=%d longest_failing=%.1fs", reads, failed,
                    longestFailingNanos / 1e9);
        }
    }

    private static final String PHARMACIST = "Basic " + Base64.getEncoder()
            .encodeToString("pharmacist:rxflow-local-pharmacist".getBytes(StandardCharsets.UTF_8));

    private final ChaosStack stack;
    private final Function<Random, Optional<String>> conversations;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Tally conversationReads = new Tally();
    private final Tally queueReads = new Tally();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread thread;

    /** @param conversations a conversation the processor holds by now, if any */
    QueryReader(ChaosStack stack, Function<Random, Optional<String>> conversations, long seed) {
        this.stack = stack;
        this.conversations = conversations;
        this.random = new Random(seed);
        this.thread = new Thread(this::read, "chaos-reader");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Tally conversationReads() {
        return conversationReads;
    }

    Tally queueReads() {
        return queueReads;
    }

    private void read() {
        while (reading.get()) {
            Optional<String> conversation = conversations.apply(random);
            if (conversation.isPresent()) {
                conversationReads.record(throughAny(RxflowServices.PROCESSOR, url -> conversation(url, conversation.get())));
            }
            queueReads.record(throughAny(RxflowServices.ESCALATION, this::queue));
            ChildProcess.sleep(1000);
        }
    }

    /**
     * Whether every instance of the service in service answers a read itself (the one a new
     * instance or the ones left after an instance left): the group is stable again.
     */
    boolean answersEverywhere(String service) {
        Optional<String> conversation = conversations.apply(random);
        for (ChaosStack.Instance instance : stack.instances(service)) {
            boolean ok = service.equals(RxflowServices.PROCESSOR)
                    ? conversation.isEmpty() || conversation(instance.url(), conversation.get()) == Answer.OK
                    : queue(instance.url()) == Answer.OK;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private enum Answer { OK, FAILED, UNREACHABLE }

    private boolean throughAny(String service, Function<URI, Answer> read) {
        List<ChaosStack.Instance> candidates = new ArrayList<>(stack.instances(service).stream()
                .filter(ChaosStack.Instance::inService).toList());
        if (candidates.isEmpty()) {
            candidates.addAll(stack.instances(service));
        }
        Collections.shuffle(candidates, random);
        for (int i = 0; i < Math.min(2, candidates.size()); i++) {
            Answer answer = read.apply(candidates.get(i).url());
            if (answer != Answer.UNREACHABLE) {
                return answer == Answer.OK;
            }
        }
        return false;
    }

    private Answer conversation(URI processor, String conversationId) {
        return get(processor.resolve("/internal/conversations/" + conversationId), ServiceKey.HEADER,
                ServiceKey.DEVELOPMENT_KEY, body -> true);
    }

    private Answer queue(URI escalation) {
        return get(escalation.resolve("/api/v1/cases"), "Authorization", PHARMACIST, body -> {
            JsonNode complete = json.readTree(body).get("complete");
            return complete != null && complete.asBoolean();
        });
    }

    private Answer get(URI uri, String header, String value, Predicate<String> whole) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header(header, value).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && whole.test(response.body()) ? Answer.OK : Answer.FAILED;
        } catch (ConnectException e) {
            return Answer.UNREACHABLE;
        } catch (IOException | RuntimeException e) {
            return Answer.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.FAILED;
        }
    }

    @Override
    public void close() {
        reading.set(false);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
