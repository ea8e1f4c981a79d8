package com.rxflow.processor.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.platform.streams.BoundedSerializer;
import com.rxflow.platform.validation.PatientInputRules;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.features.FeaturePolicy;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;
import com.rxflow.state.ConversationSnapshot;

/**
 * The conversation processor's topology, built by one method for production and tests alike:
 * the three inputs of a conversation (patient messages, tool results, escalation events) meet in
 * one workflow node that owns the {@value #STORE} store and the {@value #TIMERS_STORE} timer index,
 * and writes the four outputs, and the dead letters of failed timers (inside the task's
 * transaction, so once). Every node
 * is named, so internal topic names stay stable across releases.
 */
public final class ConversationTopology {

    public static final String STORE = "conversations";
    /** The timer index: due time and conversation id to nothing, scanned in order by the punctuator. */
    public static final String TIMERS_STORE = "conversation-timers";
    /** How often the punctuator looks for due timers, unless configured. */
    public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(1);
    public static final String WORKFLOW_NODE = "conversation-workflow";
    /** Where the workflow node writes a timer that failed (its index key, and why): the service's dead-letter topic. */
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    /** The service whose dead-letter topic the timers' dead letters go to. */
    static final String SERVICE = "conversation-processor";

    /** Where each kind of output goes: output envelope type to sink node name. */
    static final Map<Class<? extends SpecificRecord>, String> SINKS = Map.of(
            ToolCommand.class, sinkName(TopicCatalogue.TOOL_COMMANDS),
            EscalationCommand.class, sinkName(TopicCatalogue.ESCALATION_COMMANDS),
            ReplyEvent.class, sinkName(TopicCatalogue.ASSISTANT_REPLIES),
            ConversationEvent.class, sinkName(TopicCatalogue.CONVERSATION_EVENTS));

    private ConversationTopology() {
    }

    public static Topology build(Topology topology, TopicCatalogue catalogue, ConversationWorkflow workflow,
            Clock clock) {
        return build(topology, catalogue, workflow, clock, DEFAULT_PUNCTUATE_INTERVAL);
    }

    /**
     * @param clock             the time decisions and timers are made at; the system clock in production
     * @param punctuateInterval how often due timers are looked for (wall-clock time)
     */
    public static Topology build(Topology topology, TopicCatalogue catalogue, ConversationWorkflow workflow,
            Clock clock, Duration punctuateInterval) {
        return build(topology, catalogue, workflow, clock, punctuateInterval, FeaturePolicy.ALL,
                ConversationMeters.none());
    }

    /**
     * @param features which switchable parts of the workflow apply to a patient (the feature flags)
     * @param meters   the business metrics the shell counts from the workflow's decisions
     */
    public static Topology build(Topology topology, TopicCatalogue catalogue, ConversationWorkflow workflow,
            Clock clock, Duration punctuateInterval, FeaturePolicy features, ConversationMeters meters) {
        return build(topology, catalogue, workflow, clock, punctuateInterval, features, meters,
                PatientInputRules.defaults(), ClosedConversations.Retention.DEFAULT);
    }

    /**
     * @param inputRules      the rules a patient message must keep (the gateway's), checked before the
     *                        workflow sees it; a record that breaks one is dead-lettered
     * @param closedRetention how long a closed conversation stays in the store, and how often it is swept
     */
    public static Topology build(Topology topology, TopicCatalogue catalogue, ConversationWorkflow workflow,
            Clock clock, Duration punctuateInterval, FeaturePolicy features, ConversationMeters meters,
            PatientInputRules inputRules, ClosedConversations.Retention closedRetention) {
        String[] sources = {
                addSource(topology, catalogue, TopicCatalogue.PATIENT_MESSAGES),
                addSource(topology, catalogue, TopicCatalogue.TOOL_RESULTS),
                addSource(topology, catalogue, TopicCatalogue.ESCALATION_EVENTS)};
        topology.addProcessor(WORKFLOW_NODE,
                new WorkflowSupplier(workflow, clock, punctuateInterval, features, meters, inputRules,
                        closedRetention, catalogue.storeSerde()), sources);
        addSink(topology, catalogue, TopicCatalogue.TOOL_COMMANDS);
        addSink(topology, catalogue, TopicCatalogue.ESCALATION_COMMANDS);
        addSink(topology, catalogue, TopicCatalogue.ASSISTANT_REPLIES);
        addSink(topology, catalogue, TopicCatalogue.CONVERSATION_EVENTS);
        topology.addSink(DEAD_LETTERS_SINK, catalogue.deadLetter(SERVICE).name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer(), WORKFLOW_NODE);
        return topology;
    }

    private static String addSource(Topology topology, TopicCatalogue catalogue, TopicSpec<? extends SpecificRecord> spec) {
        Topic<String, ? extends SpecificRecord> topic = catalogue.topic(spec);
        String name = spec.id() + "-source";
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
        return name;
    }

    private static void addSink(Topology topology, TopicCatalogue catalogue, TopicSpec<? extends SpecificRecord> spec) {
        Topic<String, ? extends SpecificRecord> topic = catalogue.topic(spec);
        @SuppressWarnings("unchecked")
        org.apache.kafka.common.serialization.Serializer<SpecificRecord> values =
                (org.apache.kafka.common.serialization.Serializer<SpecificRecord>) topic.valueSerde().serializer();
        // a value too large to write is refused here, before the producer: under exactly-once the
        // producer's own refusal would fail the transaction and kill the thread (docs/reliability.md)
        topology.addSink(sinkName(spec), topic.name(), topic.keySerde().serializer(), BoundedSerializer.of(values),
                WORKFLOW_NODE);
    }

    private static String sinkName(TopicSpec<?> spec) {
        return spec.id() + "-sink";
    }

    /** Supplies the workflow node and declares its two stores once, so Kafka Streams wires them. */
    private record WorkflowSupplier(ConversationWorkflow workflow, Clock clock, Duration punctuateInterval,
            FeaturePolicy features, ConversationMeters meters, PatientInputRules inputRules,
            ClosedConversations.Retention closedRetention, Serde<ConversationSnapshot> snapshots)
            implements ProcessorSupplier<String, SpecificRecord, String, Object> {

        @Override
        public Processor<String, SpecificRecord, String, Object> get() {
            return new ConversationProcessor(workflow, clock, punctuateInterval, features, meters, inputRules,
                    closedRetention);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            // cached: the inputs of one turn decided within one commit (a turn's tool results arrive
            // together) write the changelog once, with the last state, when the commit flushes the cache
            StoreBuilder<KeyValueStore<String, ConversationSnapshot>> store = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(STORE), Serdes.String(), snapshots).withCachingEnabled();
            StoreBuilder<KeyValueStore<String, String>> timers = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(TIMERS_STORE), Serdes.String(), Serdes.String());
            return Set.of(store, timers);
        }
    }
}
