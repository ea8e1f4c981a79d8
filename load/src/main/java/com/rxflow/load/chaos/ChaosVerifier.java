package com.rxflow.load.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.platform.security.ServiceKey;
import com.rxflow.processor.conversation.ConversationTopology;
import com.rxflow.processor.conversation.workflow.ConversationFold;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.TranscriptLine;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks, after the chaos, what a pharmacy would ask about the log, reading the topics themselves
 * ({@code read_committed}, from the beginning):
 * <ul>
 *   <li>every accepted message got exactly one final reply ({@code turnComplete}), by message id,
 *       and no reply id was delivered twice;</li>
 *   <li>each conversation's replies kept their order: sequences 1, 2, 3... without gaps, and the
 *       final replies answer the messages in the order they were accepted;</li>
 *   <li>no conversation is stuck: its last accepted message is answered and nothing is pending;</li>
 *   <li>the processor's state rebuilt from its changelog equals the fold of the conversation's
 *       domain events and what the live processor answers (interactive query);</li>
 *   <li>no order was placed twice for one request id.</li>
 * </ul>
 */
final class ChaosVerifier {

    static final String CHANGELOG = "rxflow-conversation-processor-" + ConversationTopology.STORE + "-changelog";

    /** What the verification found; every count but the totals must be 0. */
    record Findings(long messages, long lost, long duplicated, long outOfOrder, long stuck, long stateMismatch,
            long duplicateOrders, long orders, List<String> examples) {

        boolean clean() {
            return lost == 0 && duplicated == 0 && outOfOrder == 0 && stuck == 0 && stateMismatch == 0
                    && duplicateOrders == 0;
        }
    }

    private final String bootstrap;
    private final URI processor;
    private final TopicCatalogue topics = TopicCatalogue.defaults();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> examples = new ArrayList<>();

    ChaosVerifier(String bootstrap, URI processor) {
        this.bootstrap = bootstrap;
        this.processor = processor;
    }

    Findings verify(Map<String, List<String>> accepted) {
        Map<String, Integer> finalReplies = new HashMap<>();
        Map<String, List<String>> answerOrder = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        Set<String> replyIds = new HashSet<>();
        long[] duplicateReplyIds = {0};
        long[] sequenceBreaks = {0};
        readAll(topics.name(TopicCatalogue.ASSISTANT_REPLIES), (conversation, bytes) -> {
            if (!accepted.containsKey(conversation)) {
                return;
            }
            ReplyEvent event = AvroCodec.shared().decode(bytes, ReplyEvent.class);
            if (event.getType() != ReplyEventType.ASSISTANT_REPLIED) {
                return;
            }
            AssistantReplied reply = event.getReplied();
            if (!replyIds.add(reply.getReplyId())) {
                duplicateReplyIds[0]++;
                example("reply " + reply.getReplyId() + " delivered twice in " + conversation);
            }
            long previous = lastSequence.getOrDefault(conversation, 0L);
            if (reply.getSequence() != previous + 1) {
                sequenceBreaks[0]++;
                example("conversation " + conversation + ": reply sequence " + reply.getSequence() + " after " + previous);
            }
            lastSequence.put(conversation, reply.getSequence());
            if (reply.getTurnComplete() && reply.getInReplyTo() != null) {
                finalReplies.merge(reply.getInReplyTo(), 1, Integer::sum);
                answerOrder.computeIfAbsent(conversation, c -> new ArrayList<>()).add(reply.getInReplyTo());
            }
        });

        long messages = 0;
        long lost = 0;
        long duplicated = duplicateReplyIds[0];
        long outOfOrder = sequenceBreaks[0];
        for (Map.Entry<String, List<String>> conversation : accepted.entrySet()) {
            for (String messageId : conversation.getValue()) {
                messages++;
                int count = finalReplies.getOrDefault(messageId, 0);
                if (count == 0) {
                    lost++;
                    example("message " + messageId + " of " + conversation.getKey() + " got no final reply");
                } else if (count > 1) {
                    duplicated++;
                    example("message " + messageId + " of " + conversation.getKey() + " got " + count + " final replies");
                }
            }
            List<String> answered = answerOrder.getOrDefault(conversation.getKey(), List.of()).stream().distinct().toList();
            List<String> expected = conversation.getValue().stream().filter(answered::contains).toList();
            if (!answered.stream().filter(conversation.getValue()::contains).toList().equals(expected)) {
                outOfOrder++;
                example("conversation " + conversation.getKey() + " answered " + answered + " but accepted " + expected);
            }
        }

        Map<String, ConversationSnapshot> changelog = changelog(accepted.keySet());
        Map<String, ConversationSnapshot> folded = fold(accepted.keySet());
        long stuck = 0;
        long mismatch = 0;
        for (Map.Entry<String, List<String>> conversation : accepted.entrySet()) {
            String id = conversation.getKey();
            ConversationSnapshot stored = changelog.get(id);
            JsonNode live = live(id);
            List<String> ids = conversation.getValue();
            boolean lastAnswered = ids.isEmpty() || finalReplies.containsKey(ids.get(ids.size() - 1));
            boolean pending = live != null && live.has("pending") && !live.get("pending").isEmpty();
            if (!lastAnswered || pending) {
                stuck++;
                example("conversation " + id + " is stuck (last message answered: " + lastAnswered + ", pending: "
                        + (live == null ? "unknown" : live.get("pending")) + ")");
            }
            if (stored == null || !sameRecord(stored, folded.get(id))) {
                mismatch++;
                example("conversation " + id + ": the changelog's state differs from the fold of its domain events");
            } else if (live == null || !sameAsLive(stored, live)) {
                mismatch++;
                example("conversation " + id + ": the changelog's state differs from the live processor's");
            }
        }

        long[] orders = {0};
        long[] duplicateOrders = {0};
        Set<String> orderRequests = new HashSet<>();
        readAll(topics.name(TopicCatalogue.PHARMACY_ORDERS), (key, bytes) -> {
            PharmacyOrderEvent event = AvroCodec.shared().decode(bytes, PharmacyOrderEvent.class);
            if (event.getType() == PharmacyOrderEventType.ORDER_PLACED
                    && accepted.containsKey(event.getMetadata().getConversationId())) {
                orders[0]++;
                if (!orderRequests.add(event.getPlaced().getRequestId())) {
                    duplicateOrders[0]++;
                    example("order request " + event.getPlaced().getRequestId() + " placed twice");
                }
            }
        });
        return new Findings(messages, lost, duplicated, outOfOrder, stuck, mismatch, duplicateOrders[0], orders[0],
                List.copyOf(examples));
    }

    /**
     * Equal as Avro writes them: the records' own equals compares logical types (dates) through a
     * data model without their conversions, and fails on them.
     */
    private static boolean sameRecord(ConversationSnapshot a, ConversationSnapshot b) {
        return b != null && Arrays.equals(AvroCodec.shared().encode(a), AvroCodec.shared().encode(b));
    }

    /** The fields the live view shows that the stored state must agree with. */
    private static boolean sameAsLive(ConversationSnapshot stored, JsonNode live) {
        if (!Objects.equals(stored.getState(), text(live, "state")) || !Objects.equals(stored.getStep(), text(live, "step"))
                || stored.getTurns() != live.get("turns").asInt() || stored.getPending().size() != live.get("pending").size()) {
            return false;
        }
        JsonNode lines = live.get("transcript");
        if (lines.size() != stored.getTranscript().size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            TranscriptLine line = stored.getTranscript().get(i);
            JsonNode other = lines.get(i);
            if (!Objects.equals(line.getMessageId(), text(other, "messageId"))
                    || !Objects.equals(line.getReplyId(), text(other, "replyId"))
                    || line.getSequence() != other.get("sequence").asLong()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asString() : null;
    }

    private JsonNode live(String conversation) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        processor.resolve("/internal/conversations/" + conversation)).timeout(Duration.ofSeconds(5))
                        // the chaos stack's services run the local profile, with its development key
                        .header(ServiceKey.HEADER, ServiceKey.DEVELOPMENT_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return json.readTree(response.body());
                }
                if (response.statusCode() == 404) {
                    return null;
                }
            } catch (IOException e) {
                // restoring or rebalancing: ask again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            ChildProcess.sleep(500);
        }
        return null;
    }

    private Map<String, ConversationSnapshot> changelog(Set<String> conversations) {
        Map<String, ConversationSnapshot> latest = new HashMap<>();
        readAll(CHANGELOG, (key, bytes) -> {
            if (conversations.contains(key)) {
                if (bytes == null) {
                    latest.remove(key);
                } else {
                    latest.put(key, AvroCodec.shared().decode(bytes, ConversationSnapshot.class));
                }
            }
        });
        return latest;
    }

    private Map<String, ConversationSnapshot> fold(Set<String> conversations) {
        Map<String, List<ConversationEvent>> events = new LinkedHashMap<>();
        readAll(topics.name(TopicCatalogue.CONVERSATION_EVENTS), (key, bytes) -> {
            if (conversations.contains(key)) {
                events.computeIfAbsent(key, k -> new ArrayList<>()).add(AvroCodec.shared().decode(bytes,
                        ConversationEvent.class));
            }
        });
        ConversationFold fold = new ConversationFold(AvroCodec.shared());
        Map<String, ConversationSnapshot> folded = new HashMap<>();
        events.forEach((key, list) -> folded.put(key, fold.replay(list)));
        return folded;
    }

    /** Every committed record of a topic, partition by partition, from the beginning to its end now. */
    private void readAll(String topic, BiConsumer<String, byte[]> each) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(60))) {
                partitions.add(new TopicPartition(topic, partition.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 5 minutes");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record.key(), record.value());
                    }
                }
            }
        }
    }

    private void example(String finding) {
        if (examples.size() < 20) {
            examples.add(finding);
        }
    }
}
