package com.rxflow.escalation.stream;

import java.time.Clock;

import org.apache.kafka.streams.Topology;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * escalation-service's topology: escalation commands in, case events out, cases in
 * {@code escalation-cases}. Production (through Spring) and the tests build it with the same
 * {@link #build} method. Node names are fixed because Kafka Streams derives internal topic names
 * (the store's changelog among them) from the topology, and a rename would orphan that state.
 */
public final class EscalationTopology {

    public static final String COMMANDS_SOURCE = "escalation-commands-source";
    public static final String COMMAND_PROCESSOR = "escalation-command-processor";
    public static final String EVENTS_SINK = "escalation-events-sink";

    private EscalationTopology() {
    }

    /**
     * Adds the escalation nodes to {@code topology}.
     *
     * @param clock the time cases open at; the system clock in production, a fixed one in tests
     * @return {@code topology}, for chaining
     */
    public static Topology build(Topology topology, TopicCatalogue catalogue, CaseDecider decider, Clock clock) {
        Topic<String, EscalationCommand> commands = catalogue.topic(TopicCatalogue.ESCALATION_COMMANDS);
        Topic<String, EscalationEvent> events = catalogue.topic(TopicCatalogue.ESCALATION_EVENTS);
        return topology
                .addSource(COMMANDS_SOURCE, commands.keySerde().deserializer(), commands.valueSerde().deserializer(),
                        commands.name())
                .addProcessor(COMMAND_PROCESSOR, new EscalationCommandProcessorSupplier(decider, clock),
                        COMMANDS_SOURCE)
                .addSink(EVENTS_SINK, events.name(), events.keySerde().serializer(), events.valueSerde().serializer(),
                        COMMAND_PROCESSOR);
    }
}
