package com.rxflow.processor.conversation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.processor.conversation.workflow.ConversationTypes;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.conversation.workflow.WorkflowPolicy;
import com.rxflow.processor.features.FeaturePolicy;
import com.rxflow.platform.testing.MutableClock;
import com.rxflow.platform.validation.PatientInputRules;
import com.rxflow.processor.understanding.LayeredInterpreter;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.processor.understanding.safety.SafetyScreen;

/**
 * Drives the production topology through TopologyTestDriver as a patient would, with
 * a {@link ToolResponder} (usually {@link PharmacyFixtures}) playing tools-service: every tool command is answered at once (unless
 * the fixture keeps a tool silent), so each call to {@link #say} returns the replies of a whole turn.
 */
public final class ConversationDriver implements AutoCloseable {

    public static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");
    public static final WorkflowPolicy POLICY = new WorkflowPolicy(Duration.ofMinutes(30), Duration.ofSeconds(20),
            Duration.ofMinutes(2), ZoneId.of("America/Chicago"), 0.75);
    private static final TopicCatalogue CATALOGUE = TopicCatalogue.defaults();
    private static final String APPLICATION_ID = "conversation-processor-test";

    private final ToolResponder fixtures;
    private final MutableClock clock;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, PatientEvent> patients;
    private final TestInputTopic<String, ToolResult> results;
    private final TestInputTopic<String, EscalationEvent> escalationEvents;
    private final TestOutputTopic<String, ToolCommand> toolCommands;
    private final TestOutputTopic<String, EscalationCommand> escalationCommands;
    private final TestOutputTopic<String, ReplyEvent> replies;
    private final TestOutputTopic<String, ConversationEvent> events;
    private final TestOutputTopic<String, byte[]> deadLetters;
    private final TestOutputTopic<String, String> timerChangelog;
    private final TestOutputTopic<String, byte[]> changelog;
    private final List<ToolCommand> unanswered = new ArrayList<>();
    private final List<ToolCommand> allToolCommands = new ArrayList<>();
    private final List<EscalationCommand> allEscalations = new ArrayList<>();
    private final List<ConversationEvent> allEvents = new ArrayList<>();
    private final List<ReplyEvent> allReplies = new ArrayList<>();

    public ConversationDriver(ToolResponder fixtures) {
        this(fixtures, ConversationTypes.defaults(), T0);
    }

    public ConversationDriver(ToolResponder fixtures, ConversationTypes types, Instant start) {
        this(fixtures, types, start, FeaturePolicy.ALL, ConversationMeters.none(), POLICY);
    }

    /** With the feature flags as they apply to each patient and the meters the shell counts into. */
    public ConversationDriver(ToolResponder fixtures, FeaturePolicy features, ConversationMeters meters) {
        this(fixtures, ConversationTypes.defaults(), T0, features, meters, POLICY);
    }

    /** With another policy (a language model's mode, for example). */
    public ConversationDriver(ToolResponder fixtures, WorkflowPolicy policy) {
        this(fixtures, ConversationTypes.defaults(), T0, FeaturePolicy.ALL, ConversationMeters.none(), policy);
    }

    /** With closed conversations kept in the store for this long, swept at this interval. */
    public ConversationDriver(ToolResponder fixtures, ClosedConversations.Retention closed) {
        this(fixtures, ConversationTypes.defaults(), T0, FeaturePolicy.ALL, ConversationMeters.none(), POLICY, closed);
    }

    private ConversationDriver(ToolResponder fixtures, ConversationTypes types, Instant start, FeaturePolicy features,
            ConversationMeters meters, WorkflowPolicy policy) {
        this(fixtures, types, start, features, meters, policy, ClosedConversations.Retention.DEFAULT);
    }

    private ConversationDriver(ToolResponder fixtures, ConversationTypes types, Instant start, FeaturePolicy features,
            ConversationMeters meters, WorkflowPolicy policy, ClosedConversations.Retention closed) {
        this.fixtures = fixtures;
        this.clock = new MutableClock(start);
        ConversationWorkflow workflow = new ConversationWorkflow(SafetyScreen.bundled(), LayeredInterpreter.bundled(),
                types, policy, AvroCodec.shared());
        Topology topology = ConversationTopology.build(new Topology(), CATALOGUE, workflow, clock, Duration.ofSeconds(1),
                features, meters, PatientInputRules.defaults(), closed);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        config.put(StreamsConfig.STATE_DIR_CONFIG, "target/kafka-streams-test");
        driver = new TopologyTestDriver(topology, config, start);
        patients = input(TopicCatalogue.PATIENT_MESSAGES);
        results = input(TopicCatalogue.TOOL_RESULTS);
        escalationEvents = input(TopicCatalogue.ESCALATION_EVENTS);
        toolCommands = output(TopicCatalogue.TOOL_COMMANDS);
        escalationCommands = output(TopicCatalogue.ESCALATION_COMMANDS);
        replies = output(TopicCatalogue.ASSISTANT_REPLIES);
        events = output(TopicCatalogue.CONVERSATION_EVENTS);
        deadLetters = driver.createOutputTopic(CATALOGUE.deadLetter(ConversationTopology.SERVICE).name(),
                new StringDeserializer(), new ByteArrayDeserializer());
        timerChangelog = driver.createOutputTopic(APPLICATION_ID + "-" + ConversationTopology.TIMERS_STORE
                + "-changelog", new StringDeserializer(), new StringDeserializer());
        changelog = driver.createOutputTopic(APPLICATION_ID + "-" + ConversationTopology.STORE + "-changelog",
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Opens a conversation; returns the greeting. */
    public List<ReplyEvent> open(String conversationId) {
        patients.pipeInput(conversationId, Inputs.opened(conversationId, PharmacyFixtures.PATIENT), clock.instant());
        return settle();
    }

    /** The patient writes; returns every reply the turn produced, tools answered along the way. */
    public List<ReplyEvent> say(String conversationId, String messageId, String text) {
        clock.advance(Duration.ofSeconds(5));
        patients.pipeInput(conversationId, Inputs.message(conversationId, PharmacyFixtures.PATIENT, messageId, text),
                clock.instant());
        return settle();
    }

    /** escalation-service (or a pharmacist through it) reports on a case. */
    public List<ReplyEvent> escalationEvent(String conversationId, EscalationEvent event) {
        clock.advance(Duration.ofSeconds(5));
        escalationEvents.pipeInput(conversationId, event, clock.instant());
        return settle();
    }

    /** Lets time pass: due timers fire through the wall-clock punctuator. */
    public List<ReplyEvent> advance(Duration duration) {
        clock.advance(duration);
        driver.advanceWallClockTime(duration);
        return settle();
    }

    /** Answers every tool command until none is left, and collects what came out. */
    private List<ReplyEvent> settle() {
        List<ReplyEvent> turn = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            drainSideOutputs();
            List<ReplyEvent> newReplies = replies.readValuesToList();
            turn.addAll(newReplies);
            allReplies.addAll(newReplies);
            List<ToolCommand> commands = toolCommands.readValuesToList();
            allToolCommands.addAll(commands);
            List<ToolCommand> answerable = commands.stream().filter(fixtures::answers).toList();
            commands.stream().filter(c -> !fixtures.answers(c)).forEach(unanswered::add);
            if (answerable.isEmpty()) {
                drainSideOutputs();
                return turn;
            }
            for (ToolCommand command : answerable) {
                results.pipeInput(command.getMetadata().getConversationId(), fixtures.answer(command, clock.instant()),
                        clock.instant());
            }
        }
        throw new IllegalStateException("the conversation keeps calling tools");
    }

    private void drainSideOutputs() {
        allEscalations.addAll(escalationCommands.readValuesToList());
        allEvents.addAll(events.readValuesToList());
    }

    /** Answers the tool commands the fixtures kept silent so far. */
    public List<ReplyEvent> answerSilentTools(ToolResponder answering) {
        List<ToolCommand> pending = new ArrayList<>(unanswered);
        unanswered.clear();
        for (ToolCommand command : pending) {
            results.pipeInput(command.getMetadata().getConversationId(), answering.answer(command, clock.instant()),
                    clock.instant());
        }
        return settle();
    }

    /** tools-service writes a result of its own making (a repeat, a refusal), as it arrives now. */
    public List<ReplyEvent> deliver(ToolResult result) {
        results.pipeInput(result.getMetadata().getConversationId(), result, clock.instant());
        return settle();
    }

    public List<ToolCommand> toolCommands() {
        return allToolCommands;
    }

    public List<EscalationCommand> escalations() {
        return allEscalations;
    }

    public List<ConversationEvent> events() {
        return allEvents;
    }

    public List<ReplyEvent> replies() {
        return allReplies;
    }

    public ConversationSnapshot state(String conversationId) {
        return driver.<String, ConversationSnapshot>getKeyValueStore(ConversationTopology.STORE).get(conversationId);
    }

    /** The timer index as it is now: key to conversation id. */
    public KeyValueStore<String, String> timerIndex() {
        return driver.getKeyValueStore(ConversationTopology.TIMERS_STORE);
    }

    /** What the processor wrote to its timer index's changelog since the last call (a null value deletes). */
    public List<TestRecord<String, String>> timerChangelog() {
        return timerChangelog.readRecordsToList();
    }

    /** What the processor wrote to its dead-letter topic since the last call. */
    public List<TestRecord<String, byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** What the conversations store wrote to its changelog since the last call (a null value is a tombstone). */
    public List<TestRecord<String, byte[]>> changelog() {
        return changelog.readRecordsToList();
    }

    public Instant now() {
        return clock.instant();
    }

    private <V extends SpecificRecord> TestInputTopic<String, V> input(TopicSpec<V> spec) {
        Topic<String, V> topic = CATALOGUE.topic(spec);
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V extends SpecificRecord> TestOutputTopic<String, V> output(TopicSpec<V> spec) {
        Topic<String, V> topic = CATALOGUE.topic(spec);
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    @Override
    public void close() {
        driver.close();
    }
}
