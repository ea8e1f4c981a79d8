package com.rxflow.escalation.stream;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static com.rxflow.escalation.cases.EscalationCommandBuilder.anUnknownCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.cases.SlaPolicy;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.state.EscalationCase;

class EscalationTopologyTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:05Z");
    private static final SlaPolicy SLA = new SlaPolicy(Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofMinutes(5));
    private static final TopicCatalogue CATALOGUE = TopicCatalogue.defaults();

    private final Topology topology = EscalationTopology.build(new Topology(), CATALOGUE, new CaseDecider(SLA),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @CsvSource({"ROUTINE, PT4H", "HIGH, PT30M", "URGENT, PT5M"})
    void anEscalationOpensACaseDueAfterTheSlaOfItsPriority(EscalationPriority priority, Duration sla) {
        try (Escalations escalations = new Escalations(topology)) {
            escalations.send("conv-1", anEscalation().conversation("conv-1").escalationId("esc-1")
                    .priority(priority).build());

            KeyValue<String, EscalationEvent> opened = escalations.events.readKeyValue();
            assertThat(opened.key).isEqualTo("conv-1");
            assertThat(opened.value.getType()).isEqualTo(EscalationEventType.ESCALATION_OPENED);
            assertThat(opened.value.getOpened().getSlaDueAt()).isEqualTo(NOW.plus(sla));
            EscalationCase stored = escalations.cases().get("esc-1");
            assertThat(stored.getStatus()).isEqualTo("OPENED");
            assertThat(stored.getSlaDueAt()).isEqualTo(NOW.plus(sla));
        }
    }

    @Test
    void aRepeatedEscalationOpensNoSecondCaseAndPublishesNothing() {
        try (Escalations escalations = new Escalations(topology)) {
            escalations.send("conv-1", anEscalation().conversation("conv-1").escalationId("esc-1").build());
            EscalationCase first = escalations.cases().get("esc-1");
            escalations.events.readKeyValue();

            escalations.send("conv-1", anEscalation().conversation("conv-1").escalationId("esc-1")
                    .priority(EscalationPriority.URGENT).build());

            assertThat(escalations.events.isEmpty()).isTrue();
            assertThat(escalations.cases().get("esc-1")).isEqualTo(first);
        }
    }

    @Test
    void aCommandOfUnknownTypeIsSkipped() {
        try (Escalations escalations = new Escalations(topology)) {
            escalations.send("conv-1", anUnknownCommand().conversation("conv-1").build());

            assertThat(escalations.events.isEmpty()).isTrue();
            assertThat(escalations.cases().approximateNumEntries()).isZero();
        }
    }

    @Test
    void aCommandKeyedByAnotherConversationIsRefused() {
        try (Escalations escalations = new Escalations(topology)) {
            EscalationCommand misrouted = anEscalation().conversation("conv-2").build();

            // Without the platform's dead-letter handler the refusal surfaces; in the service it goes to the DLT.
            assertThatThrownBy(() -> escalations.send("conv-1", misrouted))
                    .hasRootCauseInstanceOf(MisroutedCommandException.class);
            assertThat(escalations.events.isEmpty()).isTrue();
        }
    }

    @Test
    void everyNodeIsNamedAndTheProcessorOwnsTheCasesStore() {
        String description = topology.describe().toString();

        assertThat(description)
                .contains("Source: " + EscalationTopology.COMMANDS_SOURCE + " (topics: [rxflow.escalation-commands])")
                .contains("Processor: " + EscalationTopology.COMMAND_PROCESSOR + " (stores: [escalation-cases])")
                .contains("Sink: " + EscalationTopology.EVENTS_SINK + " (topic: rxflow.escalation-events)");
    }

    /** A test driver over the topology with its topics and store, closed with the test. */
    private static final class Escalations implements AutoCloseable {

        private final TopologyTestDriver driver;
        private final TestInputTopic<String, EscalationCommand> commands;
        private final TestOutputTopic<String, EscalationEvent> events;
        private Instant recordTime = Instant.parse("2025-03-03T09:00:00Z");

        Escalations(Topology topology) {
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, "escalation-topology-test");
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            config.put(StreamsConfig.STATE_DIR_CONFIG,
                    Path.of("target", "streams-state", "topology-test", UUID.randomUUID().toString())
                            .toAbsolutePath().toString());
            driver = new TopologyTestDriver(topology, config);
            Topic<String, EscalationCommand> in = CATALOGUE.topic(TopicCatalogue.ESCALATION_COMMANDS);
            Topic<String, EscalationEvent> out = CATALOGUE.topic(TopicCatalogue.ESCALATION_EVENTS);
            commands = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
            events = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
        }

        void send(String key, EscalationCommand command) {
            recordTime = recordTime.plusSeconds(1);
            commands.pipeInput(key, command, recordTime);
        }

        KeyValueStore<String, EscalationCase> cases() {
            return driver.getKeyValueStore(EscalationCaseStore.NAME);
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
