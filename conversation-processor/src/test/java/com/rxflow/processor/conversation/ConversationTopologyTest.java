package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;
import com.rxflow.state.ConversationSnapshot;

class ConversationTopologyTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.defaults();

    private static Topology topology() {
        return ConversationTopology.build(new Topology(), CATALOGUE, new ConversationWorkflow(AvroCodec.shared()),
                Clock.fixed(Inputs.T0, ZoneOffset.UTC));
    }

    private static TopologyTestDriver driver() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "conversation-processor-test");
        config.put(StreamsConfig.STATE_DIR_CONFIG, "target/kafka-streams-test");
        return new TopologyTestDriver(topology(), config, Inputs.T0);
    }

    @Test
    void aMessageTravelsThroughToolCommandAndResultToAReply() {
        try (TopologyTestDriver driver = driver()) {
            TestInputTopic<String, PatientEvent> patients = input(driver, TopicCatalogue.PATIENT_MESSAGES);
            TestInputTopic<String, ToolResult> results = input(driver, TopicCatalogue.TOOL_RESULTS);
            TestOutputTopic<String, ToolCommand> commands = output(driver, TopicCatalogue.TOOL_COMMANDS);
            TestOutputTopic<String, ReplyEvent> replies = output(driver, TopicCatalogue.ASSISTANT_REPLIES);
            TestOutputTopic<String, ConversationEvent> events = output(driver, TopicCatalogue.CONVERSATION_EVENTS);

            patients.pipeInput("c-1", Inputs.opened("c-1", "patient_001"), Inputs.T0);
            patients.pipeInput("c-1", Inputs.message("c-1", "patient_001", "m-1", "my medications?"), Inputs.T0.plusSeconds(1));
            var command = commands.readKeyValue();
            assertThat(command.key).isEqualTo("c-1");
            results.pipeInput("c-1", Inputs.completed(command.value, "John", "omeprazole"), Inputs.T0.plusSeconds(2));

            ReplyEvent reply = replies.readValue();
            assertThat(reply.getReplied().getInReplyTo()).isEqualTo("m-1");
            assertThat(reply.getReplied().getText()).contains("Omeprazole");
            assertThat(replies.isEmpty()).isTrue();
            assertThat(events.readValuesToList()).isNotEmpty();

            KeyValueStore<String, ConversationSnapshot> store = driver.getKeyValueStore(ConversationTopology.STORE);
            assertThat(store.get("c-1").getState()).isEqualTo("COMPLETED");
            assertThat(store.get("c-1").getTurns()).isEqualTo(1);
        }
    }

    @Test
    void everyNodeIsNamedAndTheStoreIsOwnedByTheWorkflowNode() {
        TopologyDescription description = topology().describe();
        var nodes = description.subtopologies().stream().flatMap(s -> s.nodes().stream()).toList();

        assertThat(nodes).extracting(TopologyDescription.Node::name).containsExactlyInAnyOrder(
                "patient-messages-source", "tool-results-source", "escalation-events-source",
                ConversationTopology.WORKFLOW_NODE, "tool-commands-sink", "escalation-commands-sink",
                "assistant-replies-sink", "conversation-events-sink");
        assertThat(nodes).filteredOn(n -> n.name().equals(ConversationTopology.WORKFLOW_NODE))
                .singleElement().satisfies(n -> assertThat(((TopologyDescription.Processor) n).stores())
                        .containsExactly(ConversationTopology.STORE));
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TestInputTopic<String, V> input(
            TopologyTestDriver driver, TopicSpec<V> spec) {
        Topic<String, V> topic = CATALOGUE.topic(spec);
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> TestOutputTopic<String, V> output(
            TopologyTestDriver driver, TopicSpec<V> spec) {
        Topic<String, V> topic = CATALOGUE.topic(spec);
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }
}
