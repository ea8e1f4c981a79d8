package com.rxflow.escalation.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.cases.CaseObserver;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.platform.streams.BoundedSerializer;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;

/**
 * escalation-service's topology: the conversation's escalation commands and the pharmacists'
 * actions (both keyed by conversation id, so co-partitioned) meet in one node that owns the
 * {@code escalation-cases} store and the {@code escalation-timers} index, and writes case events
 * (and the dead letters of failed timers, inside the task's transaction).
 * Production (through Spring) and the tests build it with the same {@link #build} method. Node
 * names are fixed because Kafka Streams derives internal topic names (the stores' changelogs) from
 * the topology, and a rename would orphan that state.
 */
public final class EscalationTopology {

    public static final String COMMANDS_SOURCE = "escalation-commands-source";
    public static final String ACTIONS_SOURCE = "pharmacist-actions-source";
    public static final String CASES_NODE = "escalation-cases-processor";
    public static final String EVENTS_SINK = "escalation-events-sink";
    /** Where the cases node writes a timer that failed (its index key, and why): the service's dead-letter topic. */
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    /** The service whose dead-letter topic the timers' dead letters go to. */
    static final String SERVICE = "escalation-service";
    /** How often the punctuator looks for due timers, unless configured. */
    public static final Duration DEFAULT_PUNCTUATE_INTERVAL = Duration.ofSeconds(1);

    private EscalationTopology() {
    }

    public static Topology build(Topology topology, TopicCatalogue catalogue, CaseDecider decider, Clock clock) {
        return build(topology, catalogue, decider, clock, DEFAULT_PUNCTUATE_INTERVAL, CaseObserver.NONE);
    }

    /**
     * Adds the escalation nodes to {@code topology}.
     *
     * @param clock             the time cases change and timers fire at; the system clock in production
     * @param punctuateInterval how often due timers are looked for (wall-clock time)
     * @param observer          told of every published event (metrics)
     * @return {@code topology}, for chaining
     */
    public static Topology build(Topology topology, TopicCatalogue catalogue, CaseDecider decider, Clock clock,
            Duration punctuateInterval, CaseObserver observer) {
        Topic<String, EscalationEvent> events = catalogue.topic(TopicCatalogue.ESCALATION_EVENTS);
        addSource(topology, catalogue, TopicCatalogue.ESCALATION_COMMANDS, COMMANDS_SOURCE);
        addSource(topology, catalogue, TopicCatalogue.PHARMACIST_ACTIONS, ACTIONS_SOURCE);
        return topology
                .addProcessor(CASES_NODE, new CasesSupplier(decider, clock, punctuateInterval, observer, catalogue),
                        COMMANDS_SOURCE, ACTIONS_SOURCE)
                // a value too large to write is refused before the producer, which under exactly-once
                // would fail the transaction (docs/reliability.md)
                .addSink(EVENTS_SINK, events.name(), events.keySerde().serializer(),
                        BoundedSerializer.of(events.valueSerde().serializer()), CASES_NODE)
                .addSink(DEAD_LETTERS_SINK, catalogue.deadLetter(SERVICE).name(), Serdes.String().serializer(),
                        Serdes.ByteArray().serializer(), CASES_NODE);
    }

    private static void addSource(Topology topology, TopicCatalogue catalogue, TopicSpec<? extends SpecificRecord> spec, String name) {
        Topic<String, ? extends SpecificRecord> topic = catalogue.topic(spec);
        topology.addSource(name, topic.keySerde().deserializer(), topic.valueSerde().deserializer(), topic.name());
    }

    /** Supplies the cases node and declares its two stores once, so Kafka Streams wires them. */
    private record CasesSupplier(CaseDecider decider, Clock clock, Duration punctuateInterval, CaseObserver observer,
            TopicCatalogue catalogue)
            implements ProcessorSupplier<String, SpecificRecord, String, Object> {

        @Override
        public Processor<String, SpecificRecord, String, Object> get() {
            return new CasesProcessor(decider, clock, punctuateInterval, observer);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            StoreBuilder<KeyValueStore<String, String>> timers = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(EscalationCaseStore.TIMERS), Serdes.String(), Serdes.String());
            return Set.of(EscalationCaseStore.builder(catalogue), timers);
        }
    }
}
