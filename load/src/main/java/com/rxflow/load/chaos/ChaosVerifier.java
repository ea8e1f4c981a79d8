package com.rxflow.load.chaos;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;

import tools.jackson.databind.JsonNode;

/**
 * Checks, after the chaos, what a pharmacy would ask about the log, reading the topics themselves
 * ({@code read_committed}, from the beginning):
 * <ul>
 *   <li>every accepted message got exactly one final reply ({@code turnComplete}), by message id,
 *       or was forwarded to the pharmacist who took the conversation over ({@code MESSAGE_FORWARDED}),
 *       and no reply id was delivered twice;</li>
 *   <li>each conversation's replies kept their order: sequences 1, 2, 3... without gaps, and the
 *       final replies answer the messages in the order they were accepted;</li>
 *   <li>no conversation is stuck: its last accepted message is answered and nothing is pending;</li>
 *   <li>the processor's state rebuilt from its changelog equals the fold of the conversation's
 *       domain events and what the live processor answers (interactive query), once the timers
 *       that still fire have settled ({@link StateCheck});</li>
 *   <li>no order was placed twice for one request id.</li>
 * </ul>
 */
final class ChaosVerifier {

    /** What the verification found; every count but the totals must be 0. */
    record Findings(long messages, long lost, long forwardedToPharmacist, long duplicated, long outOfOrder, long stuck,
            long stateMismatch, long stateSettledOnReread, long duplicateOrders, long orders, List<String> examples) {

        boolean clean() {
            return lost == 0 && duplicated == 0 && outOfOrder == 0 && stuck == 0 && stateMismatch == 0
                    && duplicateOrders == 0;
        }
    }

    /** How long the verifier waits before it reads again a conversation whose state differed. */
    private static final long REREAD_PAUSE_MILLIS = 10_000;

    private final String bootstrap;
    private final ConversationStates states;
    private final TopicCatalogue topics = TopicCatalogue.defaults();
    private final List<String> examples = new ArrayList<>();

    ChaosVerifier(String bootstrap, URI processor) {
        this.bootstrap = bootstrap;
        this.states = new ConversationStates(bootstrap, processor);
    }

    Findings verify(Map<String, List<String>> accepted) {
        Map<String, Integer> finalReplies = new HashMap<>();
        Map<String, List<String>> answerOrder = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        Set<String> replyIds = new HashSet<>();
        long[] duplicateReplyIds = {0};
        long[] sequenceBreaks = {0};
        CommittedLog.readAll(bootstrap, topics.name(TopicCatalogue.ASSISTANT_REPLIES), (conversation, bytes) -> {
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

        // a message the processor forwarded to the pharmacist who took the conversation over (one sent
        // right after another whose tools then timed out, deferred and then handed on with the case):
        // a person answers it, not the assistant
        Set<String> forwarded = new HashSet<>();
        CommittedLog.readAll(bootstrap, topics.name(TopicCatalogue.CONVERSATION_EVENTS), (conversation, bytes) -> {
            if (accepted.containsKey(conversation)) {
                ConversationEvent event = AvroCodec.shared().decode(bytes, ConversationEvent.class);
                if (event.getType() == ConversationEventType.MESSAGE_FORWARDED) {
                    forwarded.add(event.getMessageForwarded().getMessageId());
                }
            }
        });

        long messages = 0;
        long lost = 0;
        long toPharmacist = 0;
        long duplicated = duplicateReplyIds[0];
        long outOfOrder = sequenceBreaks[0];
        for (Map.Entry<String, List<String>> conversation : accepted.entrySet()) {
            for (String messageId : conversation.getValue()) {
                messages++;
                int count = finalReplies.getOrDefault(messageId, 0);
                if (count == 0 && forwarded.contains(messageId)) {
                    toPharmacist++;
                } else if (count == 0) {
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

        long stuck = 0;
        for (Map.Entry<String, List<String>> conversation : accepted.entrySet()) {
            String id = conversation.getKey();
            JsonNode live = states.live(id);
            List<String> ids = conversation.getValue();
            boolean lastAnswered = ids.isEmpty() || finalReplies.containsKey(ids.get(ids.size() - 1))
                    || forwarded.contains(ids.get(ids.size() - 1));
            boolean pending = live != null && live.has("pending") && !live.get("pending").isEmpty();
            if (!lastAnswered || pending) {
                stuck++;
                example("conversation " + id + " is stuck (last message answered: " + lastAnswered + ", pending: "
                        + (live == null ? "unknown" : live.get("pending")) + ")");
            }
        }
        StateCheck.Outcome state = StateCheck.settle(accepted.keySet(), states, StateCheck.REREADS,
                () -> ChildProcess.sleep(REREAD_PAUSE_MILLIS));
        state.lasting().forEach((id, difference) -> example("conversation " + id + ": " + difference.description()));

        long[] orders = {0};
        long[] duplicateOrders = {0};
        Set<String> orderRequests = new HashSet<>();
        CommittedLog.readAll(bootstrap, topics.name(TopicCatalogue.PHARMACY_ORDERS), (key, bytes) -> {
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
        return new Findings(messages, lost, toPharmacist, duplicated, outOfOrder, stuck, state.lasting().size(),
                state.settledOnReread(), duplicateOrders[0], orders[0], List.copyOf(examples));
    }

    private void example(String finding) {
        if (examples.size() < 20) {
            examples.add(finding);
        }
    }
}
