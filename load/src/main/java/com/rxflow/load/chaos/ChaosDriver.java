package com.rxflow.load.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;

import tools.jackson.databind.json.JsonMapper;

import com.rxflow.launcher.channel.ChannelAssertions;

/**
 * Patients who keep talking while services die: each worker holds one conversation at a time and
 * posts its messages (without waiting in the request) as a channel would, retrying a message with
 * the same id until the gateway takes it; a message counts as accepted once the gateway answered
 * 200 or 202. It sends the next message once the answer to the last one is on the replies topic,
 * which a consumer of its own reads {@code read_committed}; now and then it sends two messages in a
 * row, so the second waits in the processor while the first one's tools work. Scripts are
 * information questions and refills that end in an order; none asks for a pharmacist, so every
 * accepted message is owed exactly one final reply. With several gateways each patient sticks to
 * one and moves to the next when it does not answer ({@link GatewayAssignment}).
 */
final class ChaosDriver implements AutoCloseable {

    private static final List<String> QUESTIONS = List.of("Which medications am I on?", "What do I take?",
            "What are my current medications?");
    /** How long a message is retried (the gateway or the broker may be restarting). */
    private static final Duration SUBMIT_PATIENCE = Duration.ofSeconds(120);
    /** How long a worker waits for an answer before it leaves the conversation for the verifier to judge. */
    private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(120);

    /** A patient, and a medication whose refill ends in an order (null: none). */
    record Patient(String id, String refill) {
    }

    private final GatewayAssignment gateways;
    private final String apiKey;
    private final ChannelAssertions assertions;
    private final String bootstrap;
    private final List<Patient> patients;
    private final int workers;
    private final Random seeds;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    /** Accepted message ids of each conversation, in the order the gateway accepted them. */
    private final Map<String, List<String>> accepted = new ConcurrentHashMap<>();
    /** Final replies seen by the watcher: message id to the reply's step. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final List<String> handedOver = new CopyOnWriteArrayList<>();
    private KafkaConsumer<String, byte[]> replies;

    ChaosDriver(GatewayAssignment gateways, String apiKey, ChannelAssertions assertions, String bootstrap, List<Patient> patients,
            int workers, long seed) {
        this.gateways = gateways;
        this.apiKey = apiKey;
        this.assertions = assertions;
        this.bootstrap = bootstrap;
        this.patients = List.copyOf(patients);
        this.workers = workers;
        this.seeds = new Random(seed);
    }

    void start() {
        replies = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new ByteArrayDeserializer());
        String topic = TopicCatalogue.defaults().name(TopicCatalogue.ASSISTANT_REPLIES);
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo partition : replies.partitionsFor(topic, Duration.ofSeconds(60))) {
            partitions.add(new TopicPartition(topic, partition.partition()));
        }
        replies.assign(partitions);
        replies.seekToEnd(partitions);
        partitions.forEach(replies::position);
        thread("chaos-replies", this::watch);
        for (int i = 0; i < workers; i++) {
            Random random = new Random(seeds.nextLong());
            Patient patient = patients.get(i % patients.size());
            thread("chaos-patient-" + i, () -> talk(patient, random));
        }
    }

    /** No new messages from now on; the ones on their way are still followed. */
    void stopSending() {
        sending.set(false);
    }

    /** Waits until every accepted message has its final reply on the topic, or {@code patience} ran out. */
    boolean awaitAnswers(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (unanswered() == 0) {
                return true;
            }
            ChildProcess.sleep(500);
        }
        return unanswered() == 0;
    }

    long unanswered() {
        return accepted.values().stream().flatMap(Collection::stream).filter(id -> !answered.containsKey(id)).count();
    }

    long acceptedCount() {
        return accepted.values().stream().mapToLong(List::size).sum();
    }

    long answeredCount() {
        return accepted.values().stream().flatMap(Collection::stream).filter(answered::containsKey).count();
    }

    /** Accepted message ids by conversation, in acceptance order. */
    Map<String, List<String>> accepted() {
        Map<String, List<String>> copy = new ConcurrentHashMap<>();
        accepted.forEach((conversation, ids) -> copy.put(conversation, List.copyOf(ids)));
        return copy;
    }

    /** A conversation whose first message has been answered (so the processor holds it), if there is one yet. */
    Optional<String> someAnsweredConversation(Random random) {
        List<String> known = accepted.entrySet().stream()
                .filter(entry -> !entry.getValue().isEmpty() && answered.containsKey(entry.getValue().get(0)))
                .map(Map.Entry::getKey).toList();
        return known.isEmpty() ? Optional.empty() : Optional.of(known.get(random.nextInt(known.size())));
    }

    long refused() {
        return refused.get();
    }

    long retries() {
        return retries.get();
    }

    List<String> handedOver() {
        return List.copyOf(handedOver);
    }

    private void talk(Patient patient, Random random) {
        while (sending.get()) {
            Optional<String> conversation = open(patient);
            if (conversation.isEmpty()) {
                continue;
            }
            boolean refill = patient.refill() != null && random.nextBoolean();
            List<String[]> script = refill ? refillScript(patient.refill()) : questions(random);
            for (String[] step : script) {
                if (!sending.get()) {
                    return;
                }
                String last = submit(patient, conversation.get(), step[0]);
                if (last == null) {
                    break;
                }
                if (!refill && random.nextInt(5) == 0 && sending.get()) {
                    // a second message right away: the processor defers it until the first one's tools answered
                    String second = submit(patient, conversation.get(), QUESTIONS.get(random.nextInt(QUESTIONS.size())));
                    last = second != null ? second : last;
                }
                String reached = awaitAnswer(last);
                if (reached == null || reached.equals("WITH_PHARMACIST")) {
                    if (reached != null) {
                        handedOver.add(conversation.get());
                    }
                    break;
                }
                if (step[1] != null && !step[1].equals(reached)) {
                    break; // the refill stopped at a gate: this conversation is done
                }
                ChildProcess.sleep(100 + random.nextInt(300));
            }
        }
    }

    private static List<String[]> refillScript(String medication) {
        return List.of(new String[] {"Refill my " + medication.toLowerCase(Locale.ROOT), "CONFIRM_DOSAGE"},
                new String[] {"yes", "SELECT_PHARMACY"}, new String[] {"the cheapest", "CONFIRM_ORDER"},
                new String[] {"yes", null});
    }

    private static List<String[]> questions(Random random) {
        List<String[]> script = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(4); i < n; i++) {
            script.add(new String[] {QUESTIONS.get(random.nextInt(QUESTIONS.size())), null});
        }
        return script;
    }

    private Optional<String> open(Patient patient) {
        long deadline = System.nanoTime() + SUBMIT_PATIENCE.toNanos();
        while (sending.get() && System.nanoTime() < deadline) {
            URI gateway = gateways.gatewayOf(patient.id());
            try {
                // a fresh assertion every try: the gateway accepts each once
                HttpRequest opening = request(gateway, "/api/v1/conversations", "{\"channel\":\"web\"}")
                        .header(ChannelAssertions.HEADER, assertions.mint(patient.id())).build();
                HttpResponse<String> response = http.send(opening, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    return Optional.of(json.readTree(response.body()).get("conversationId").asString());
                }
            } catch (IOException e) {
                gateways.moveOff(patient.id(), gateway); // the gateway is down: the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            retries.incrementAndGet();
            ChildProcess.sleep(500);
        }
        return Optional.empty();
    }

    /**
     * Posts a message until the gateway accepts it (the same message id every time, as a channel's
     * retry would), and records it as accepted.
     *
     * @return its message id, or null when it was never accepted
     */
    private String submit(Patient patient, String conversation, String text) {
        String messageId = "chaos-" + UUID.randomUUID();
        String body = "{\"messageId\":\"" + messageId + "\",\"text\":" + json.writeValueAsString(text) + "}";
        long deadline = System.nanoTime() + SUBMIT_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            URI gateway = gateways.gatewayOf(patient.id());
            try {
                HttpResponse<String> response = http.send(request(gateway, "/api/v1/conversations/" + conversation
                        + "/messages", body).build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200 || status == 202) {
                    accepted.computeIfAbsent(conversation, c -> new CopyOnWriteArrayList<>()).add(messageId);
                    return messageId;
                }
                if (status < 500 && status != 404 && status != 429) {
                    break; // refused for good (a 404 may be a conversation the processor has not seen yet)
                }
            } catch (IOException e) {
                // the gateway died or is starting: the same message id again, through the next gateway
                gateways.moveOff(patient.id(), gateway);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            retries.incrementAndGet();
            ChildProcess.sleep(500);
        }
        refused.incrementAndGet();
        return null;
    }

    /** @return the step the answer left the conversation in, or null when no answer came in time */
    private String awaitAnswer(String messageId) {
        long deadline = System.nanoTime() + ANSWER_PATIENCE.toNanos();
        while (System.nanoTime() < deadline && watching.get()) {
            String step = answered.get(messageId);
            if (step != null) {
                return step;
            }
            ChildProcess.sleep(50);
        }
        return null;
    }

    private void watch() {
        try {
            while (watching.get()) {
                for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofMillis(200))) {
                    ReplyEvent event = AvroCodec.shared().decode(record.value(), ReplyEvent.class);
                    AssistantReplied reply = event.getReplied();
                    if (event.getType() == ReplyEventType.ASSISTANT_REPLIED && reply.getTurnComplete()
                            && reply.getInReplyTo() != null) {
                        answered.put(reply.getInReplyTo(), reply.getStep() != null ? reply.getStep() : reply.getState());
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        }
    }

    private HttpRequest.Builder request(URI gateway, String path, String body) {
        return HttpRequest.newBuilder(gateway.resolve(path)).header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .timeout(Duration.ofSeconds(15)).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private void thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    @Override
    public void close() {
        sending.set(false);
        watching.set(false);
        if (replies != null) {
            replies.wakeup();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (replies != null) {
            replies.close(Duration.ofSeconds(5));
        }
    }
}
