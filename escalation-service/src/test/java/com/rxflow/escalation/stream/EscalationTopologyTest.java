package com.rxflow.escalation.stream;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static com.rxflow.escalation.cases.EscalationCommandBuilder.anUnknownCommand;
import static com.rxflow.escalation.cases.EscalationCommandBuilder.forward;
import static com.rxflow.escalation.cases.EscalationCommandBuilder.withdrawal;
import static com.rxflow.escalation.cases.PharmacistActionBuilder.JENNIFER;
import static com.rxflow.escalation.cases.PharmacistActionBuilder.OMAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.cases.CaseObserver;
import com.rxflow.escalation.cases.PharmacistActionBuilder;
import com.rxflow.escalation.cases.SlaPolicy;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.streams.TimerGuard;
import com.rxflow.platform.testing.MutableClock;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.state.EscalationCase;

/** The whole case lifecycle through the topology production runs, with timers driven by the test's clock. */
class EscalationTopologyTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:05Z");
    private static final SlaPolicy SLA = new SlaPolicy(Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofMinutes(5));
    private static final TopicCatalogue CATALOGUE = TopicCatalogue.defaults();
    private static final Duration RETENTION = Duration.ofDays(7);

    private final MutableClock clock = new MutableClock(NOW);
    private final List<EscalationEvent> observed = new ArrayList<>();
    private final Topology topology = EscalationTopology.build(new Topology(), CATALOGUE,
            new CaseDecider(SLA, RETENTION), clock, Duration.ofSeconds(1), recording());
    private final Escalations escalations = new Escalations(topology);

    @AfterEach
    void close() {
        escalations.close();
    }

    @ParameterizedTest
    @CsvSource({"ROUTINE, PT4H", "HIGH, PT30M", "URGENT, PT5M"})
    void anEscalationOpensACaseDueAfterTheSlaOfItsPriority(EscalationPriority priority, Duration sla) {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1").priority(priority).build());

        KeyValue<String, EscalationEvent> opened = escalations.events.readKeyValue();
        assertThat(opened.key).isEqualTo("conv-1");
        assertThat(opened.value.getType()).isEqualTo(EscalationEventType.ESCALATION_OPENED);
        assertThat(opened.value.getOpened().getSlaDueAt()).isEqualTo(NOW.plus(sla));
        EscalationCase stored = escalations.cases().get("esc-1");
        assertThat(stored.getStatus()).isEqualTo("OPENED");
        assertThat(stored.getSlaDueAt()).isEqualTo(NOW.plus(sla));
        assertThat(escalations.timerKeys()).singleElement().asString().endsWith("|esc-1|SLA");
    }

    @Test
    void aCaseIsClaimedAnsweredAndReturnedWithAnEventForEveryStep() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1").build());
        escalations.send(forward("conv-1", "esc-1", "m-2", "Is it fine with coffee?"));
        escalations.act(PharmacistActionBuilder.claim("esc-1").build());
        escalations.act(PharmacistActionBuilder.reply("esc-1", "Yes, that's fine.").build());
        escalations.send(forward("conv-1", "esc-1", "m-3", "Thanks!"));
        escalations.act(PharmacistActionBuilder.resolve("esc-1", ResolutionOutcome.RETURNED_TO_ASSISTANT, null).build());

        assertThat(escalations.events.readValuesToList()).extracting(EscalationEvent::getType).containsExactly(
                EscalationEventType.ESCALATION_OPENED, EscalationEventType.PATIENT_MESSAGE_APPENDED,
                EscalationEventType.ESCALATION_CLAIMED, EscalationEventType.PHARMACIST_REPLIED,
                EscalationEventType.PATIENT_MESSAGE_APPENDED, EscalationEventType.ESCALATION_RESOLVED);
        EscalationCase stored = escalations.cases().get("esc-1");
        assertThat(stored.getStatus()).isEqualTo("RETURNED");
        assertThat(stored.getMessages()).extracting(m -> m.getRole() + ": " + m.getText()).containsExactly(
                "patient: Is it fine with coffee?", "pharmacist: Yes, that's fine.", "patient: Thanks!");
        assertThat(escalations.timerKeys()).as("only the retention timer is left").singleElement().asString()
                .endsWith("|esc-1|PURGE");
        assertThat(observed).hasSize(6);
    }

    @Test
    void ofTwoPharmacistsClaimingAtOnceExactlyOneWinsAndTheOtherIsToldWhoHasIt() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1").build());
        escalations.events.readValue();
        PharmacistAction jennifer = PharmacistActionBuilder.claim("esc-1").by(JENNIFER).build();
        PharmacistAction omar = PharmacistActionBuilder.claim("esc-1").by(OMAR).build();

        // both written before either is applied: the partition's order decides
        escalations.actions.pipeKeyValueList(List.of(KeyValue.pair("conv-1", jennifer), KeyValue.pair("conv-1", omar)));

        assertThat(escalations.events.readValuesToList()).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(EscalationEventType.ESCALATION_CLAIMED);
            assertThat(event.getClaimed().getPharmacistName()).isEqualTo("Jennifer Martinez");
        });
        EscalationCase stored = escalations.cases().get("esc-1");
        assertThat(stored.getOwner()).isEqualTo(JENNIFER);
        assertThat(stored.getActionOutcomes()).filteredOn(o -> o.getActionId().equals(omar.getActionId()))
                .singleElement().satisfies(outcome -> {
                    assertThat(outcome.getAccepted()).isFalse();
                    assertThat(outcome.getProblem()).isEqualTo("ALREADY_CLAIMED");
                    assertThat(outcome.getDetail()).isEqualTo("Jennifer Martinez has this case");
                });
    }

    @Test
    void anUnclaimedCaseBreachesItsSlaOnceItsPriorityIsRaisedAndAnEventIsPublished() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1")
                .priority(EscalationPriority.HIGH).build());
        escalations.events.readValue();

        escalations.passTime(Duration.ofMinutes(29));
        assertThat(escalations.events.isEmpty()).as("not due yet").isTrue();

        escalations.passTime(Duration.ofMinutes(2));
        EscalationEvent breached = escalations.events.readValue();
        assertThat(breached.getType()).isEqualTo(EscalationEventType.ESCALATION_SLA_BREACHED);
        assertThat(breached.getSlaBreached().getSlaDueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(breached.getSlaBreached().getPriority()).isEqualTo(EscalationPriority.URGENT);
        assertThat(breached.getMetadata().getConversationId()).isEqualTo("conv-1");
        EscalationCase stored = escalations.cases().get("esc-1");
        assertThat(stored.getPriority()).isEqualTo(EscalationPriority.URGENT);
        assertThat(stored.getInitialPriority()).isEqualTo(EscalationPriority.HIGH);
        assertThat(stored.getSlaBreachedAt()).isEqualTo(clock.instant());
        assertThat(stored.getStatus()).as("still waiting for a pharmacist").isEqualTo("OPENED");

        escalations.passTime(Duration.ofHours(1));
        assertThat(escalations.events.isEmpty()).as("a case breaches once").isTrue();
        assertThat(escalations.timerKeys()).isEmpty();
    }

    @Test
    void aTimerThatThrowsIsDeadLetteredOnceWhileTheOtherCasesOfItsPunctuationStillBreach() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1")
                .priority(EscalationPriority.HIGH).build());
        escalations.send(anEscalation().conversation("conv-2").escalationId("esc-2")
                .priority(EscalationPriority.HIGH).build());
        escalations.events.readValuesToList();
        // due first, and its kind is one no release knows: reading it throws
        String poison = String.format("%013d|esc-x|NOT_A_KIND", NOW.plusSeconds(60).toEpochMilli());
        escalations.timers().put(poison, "conv-x");

        escalations.passTime(Duration.ofMinutes(31));
        escalations.passTime(Duration.ofMinutes(1));

        assertThat(escalations.events.readValuesToList()).extracting(e -> e.getMetadata().getConversationId() + " "
                + e.getType()).containsExactlyInAnyOrder("conv-1 ESCALATION_SLA_BREACHED",
                        "conv-2 ESCALATION_SLA_BREACHED");
        assertThat(escalations.deadLetters.readRecordsToList()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(poison);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("conv-x");
            assertThat(new String(dead.headers().lastHeader(TimerGuard.REASON_CODE_HEADER).value(),
                    StandardCharsets.UTF_8)).isEqualTo("TIMER_KEY_UNREADABLE");
            assertThat(new String(dead.headers().lastHeader(DeadLetters.REASON_HEADER).value(),
                    StandardCharsets.UTF_8)).contains("IllegalArgumentException", "NOT_A_KIND");
        });
        assertThat(escalations.timerKeys()).doesNotContain(poison);
    }

    @Test
    void aCaseClaimedInTimeNeverBreaches() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1")
                .priority(EscalationPriority.URGENT).build());
        escalations.passTime(Duration.ofMinutes(3));
        escalations.act(PharmacistActionBuilder.claim("esc-1").build());

        escalations.passTime(Duration.ofMinutes(10));

        assertThat(escalations.events.readValuesToList()).extracting(EscalationEvent::getType)
                .containsExactly(EscalationEventType.ESCALATION_OPENED, EscalationEventType.ESCALATION_CLAIMED);
        assertThat(escalations.timerKeys()).isEmpty();
    }

    @Test
    void thePatientWithdrawsAWaitingCase() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1").build());

        escalations.send(withdrawal("conv-1", "esc-1"));
        escalations.send(withdrawal("conv-1", "esc-1"));

        assertThat(escalations.events.readValuesToList()).extracting(EscalationEvent::getType)
                .containsExactly(EscalationEventType.ESCALATION_OPENED, EscalationEventType.ESCALATION_WITHDRAWN);
        EscalationCase stored = escalations.cases().get("esc-1");
        assertThat(stored.getStatus()).isEqualTo("WITHDRAWN");
        assertThat(stored.getResolution()).isEqualTo("PATIENT_CANCELLED");
        assertThat(stored.getFinishedBy()).as("the conversation asked, not a pharmacist").isNull();
    }

    @Test
    void aFinishedCaseLeavesTheStoreAfterItsRetentionAndItsEventsStay() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1").build());
        escalations.send(withdrawal("conv-1", "esc-1"));

        escalations.passTime(RETENTION.minusMinutes(1));
        assertThat(escalations.cases().get("esc-1")).isNotNull();

        escalations.passTime(Duration.ofMinutes(2));
        assertThat(escalations.cases().get("esc-1")).isNull();
        assertThat(escalations.timerKeys()).isEmpty();
        assertThat(escalations.events.readValuesToList()).hasSize(2);
    }

    @Test
    void aRepeatedEscalationOpensNoSecondCaseAndPublishesNothing() {
        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1").build());
        EscalationCase first = escalations.cases().get("esc-1");
        escalations.events.readKeyValue();

        escalations.send(anEscalation().conversation("conv-1").escalationId("esc-1")
                .priority(EscalationPriority.URGENT).build());

        assertThat(escalations.events.isEmpty()).isTrue();
        assertThat(escalations.cases().get("esc-1")).isEqualTo(first);
    }

    @Test
    void aCommandOfUnknownTypeIsSkipped() {
        escalations.send(anUnknownCommand().conversation("conv-1").build());

        assertThat(escalations.events.isEmpty()).isTrue();
        assertThat(escalations.cases().approximateNumEntries()).isZero();
    }

    @Test
    void aCommandOrActionKeyedByAnotherConversationIsRefused() {
        // Without the platform's dead-letter handler the refusal surfaces; in the service it goes to the DLT.
        assertThatThrownBy(() -> escalations.commands.pipeInput("conv-1", anEscalation().conversation("conv-2").build()))
                .hasRootCauseInstanceOf(MisroutedCommandException.class);
        assertThatThrownBy(() -> escalations.actions.pipeInput("conv-1",
                PharmacistActionBuilder.claim("esc-1").conversation("conv-2").build()))
                .hasRootCauseInstanceOf(MisroutedCommandException.class);
        assertThat(escalations.events.isEmpty()).isTrue();
    }

    @Test
    void everyNodeIsNamedAndTheProcessorOwnsBothStores() {
        String description = topology.describe().toString();

        assertThat(description)
                .contains("Source: " + EscalationTopology.COMMANDS_SOURCE + " (topics: [rxflow.escalation-commands])")
                .contains("Source: " + EscalationTopology.ACTIONS_SOURCE + " (topics: [rxflow.pharmacist-actions])")
                .contains("Sink: " + EscalationTopology.EVENTS_SINK + " (topic: rxflow.escalation-events)")
                .contains("Sink: " + EscalationTopology.DEAD_LETTERS_SINK + " (topic: rxflow.escalation-service.dlt)");
        assertThat(description).containsPattern("Processor: " + EscalationTopology.CASES_NODE
                + " \\(stores: \\[escalation-(cases|timers), escalation-(cases|timers)\\]\\)");
    }

    private CaseObserver recording() {
        return (event, after) -> observed.add(event);
    }

    /** A test driver over the topology with its topics and stores, closed with the test. */
    private final class Escalations implements AutoCloseable {

        private final TopologyTestDriver driver;
        private final TestInputTopic<String, EscalationCommand> commands;
        private final TestInputTopic<String, PharmacistAction> actions;
        private final TestOutputTopic<String, EscalationEvent> events;
        private final TestOutputTopic<String, byte[]> deadLetters;

        Escalations(Topology topology) {
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, "escalation-topology-test");
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            config.put(StreamsConfig.STATE_DIR_CONFIG,
                    Path.of("target", "streams-state", "topology-test", UUID.randomUUID().toString())
                            .toAbsolutePath().toString());
            driver = new TopologyTestDriver(topology, config, NOW);
            Topic<String, EscalationCommand> in = CATALOGUE.topic(TopicCatalogue.ESCALATION_COMMANDS);
            Topic<String, PharmacistAction> acts = CATALOGUE.topic(TopicCatalogue.PHARMACIST_ACTIONS);
            Topic<String, EscalationEvent> out = CATALOGUE.topic(TopicCatalogue.ESCALATION_EVENTS);
            commands = driver.createInputTopic(in.name(), in.keySerde().serializer(), in.valueSerde().serializer());
            actions = driver.createInputTopic(acts.name(), acts.keySerde().serializer(), acts.valueSerde().serializer(),
                    NOW, Duration.ofMillis(1));
            events = driver.createOutputTopic(out.name(), out.keySerde().deserializer(), out.valueSerde().deserializer());
            deadLetters = driver.createOutputTopic(CATALOGUE.deadLetter(EscalationTopology.SERVICE).name(),
                    new StringDeserializer(), new ByteArrayDeserializer());
        }

        void send(EscalationCommand command) {
            commands.pipeInput(command.getMetadata().getConversationId(), command);
        }

        void act(PharmacistAction action) {
            actions.pipeInput(action.getMetadata().getConversationId(), action);
        }

        /** Moves the service's clock and lets the wall-clock punctuator run. */
        void passTime(Duration duration) {
            clock.advance(duration);
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }

        KeyValueStore<String, EscalationCase> cases() {
            return driver.getKeyValueStore(EscalationCaseStore.NAME);
        }

        KeyValueStore<String, String> timers() {
            return driver.getKeyValueStore(EscalationCaseStore.TIMERS);
        }

        List<String> timerKeys() {
            List<String> keys = new ArrayList<>();
            try (var all = timers().all()) {
                all.forEachRemaining(entry -> keys.add(entry.key));
            }
            return keys;
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
