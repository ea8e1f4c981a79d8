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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.rxflow.events.conversation.ConversationEvent;
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
 * Conversations' state three ways: rebuilt from the processor's changelog, folded from the domain
 * events, and as the live processor answers it (interactive query); which of them disagree.
 */
final class ConversationStates implements StateCheck.Reader {

    static final String CHANGELOG = "rxflow-conversation-processor-" + ConversationTopology.STORE + "-changelog";

    private final String bootstrap;
    private final URI processor;
    private final TopicCatalogue topics = TopicCatalogue.defaults();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    ConversationStates(String bootstrap, URI processor) {
        this.bootstrap = bootstrap;
        this.processor = processor;
    }

    @Override
    public Map<String, StateCheck.Difference> differing(Set<String> conversations) {
        Map<String, ConversationSnapshot> changelog = changelog(conversations);
        Map<String, ConversationSnapshot> folded = fold(conversations);
        Map<String, StateCheck.Difference> differing = new LinkedHashMap<>();
        for (String id : conversations) {
            ConversationSnapshot stored = changelog.get(id);
            if (stored == null) {
                differing.put(id, StateCheck.Difference.NOT_STORED);
            } else if (!sameRecord(stored, folded.get(id))) {
                differing.put(id, StateCheck.Difference.EVENTS);
            } else {
                JsonNode live = live(id);
                if (live == null || !sameAsLive(stored, live)) {
                    differing.put(id, StateCheck.Difference.LIVE);
                }
            }
        }
        return differing;
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

    /** The live processor's view of a conversation, asked again while tasks restore or move; null if it has none. */
    JsonNode live(String conversation) {
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
        CommittedLog.readAll(bootstrap, CHANGELOG, (key, bytes) -> {
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
        CommittedLog.readAll(bootstrap, topics.name(TopicCatalogue.CONVERSATION_EVENTS), (key, bytes) -> {
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
}
