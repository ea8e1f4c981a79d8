package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.ZoneOffset;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.reply.AssistantReplied;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.reply.ReplyEventType;
import com.rxflow.processor.conversation.workflow.ConversationTypes;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.understanding.DeterministicInterpreter;
import com.rxflow.processor.understanding.DrugVocabulary;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.processor.understanding.safety.SafetyScreen;

class ConversationTopologyTest {

    private ConversationDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void everyNodeIsNamedAndBothStoresAreOwnedByTheWorkflowNode() {
        Topology topology = ConversationTopology.build(new Topology(), TopicCatalogue.defaults(),
                new ConversationWorkflow(SafetyScreen.bundled(), new DeterministicInterpreter(DrugVocabulary.bundled()),
                        ConversationTypes.defaults(), ConversationDriver.POLICY, AvroCodec.shared()),
                Clock.fixed(ConversationDriver.T0, ZoneOffset.UTC));
        var nodes = topology.describe().subtopologies().stream().flatMap(s -> s.nodes().stream()).toList();

        assertThat(nodes).extracting(TopologyDescription.Node::name).containsExactlyInAnyOrder(
                "patient-messages-source", "tool-results-source", "escalation-events-source",
                ConversationTopology.WORKFLOW_NODE, "tool-commands-sink", "escalation-commands-sink",
                "assistant-replies-sink", "conversation-events-sink", ConversationTopology.DEAD_LETTERS_SINK);
        assertThat(nodes).filteredOn(n -> n.name().equals(ConversationTopology.WORKFLOW_NODE))
                .singleElement().satisfies(n -> assertThat(((TopologyDescription.Processor) n).stores())
                        .containsExactlyInAnyOrder(ConversationTopology.STORE, ConversationTopology.TIMERS_STORE));
    }

    @Test
    void aMessageTravelsThroughToolCommandAndResultToAReplyAndTheStateIsStored() {
        driver = new ConversationDriver(PharmacyFixtures.seed());
        driver.open("c-1");

        var replies = driver.say("c-1", "m-1", "Which medications am I on?");

        assertThat(replies).singleElement().satisfies(r -> {
            assertThat(r.getReplied().getInReplyTo()).isEqualTo("m-1");
            assertThat(r.getReplied().getText()).contains("Hi John", "Omeprazole 20mg",
                    "Source: medication_history (rxflow-demo-data)");
            assertThat(r.getReplied().getTurnComplete()).isTrue();
        });
        var state = driver.state("c-1");
        assertThat(state.getState()).isEqualTo("COMPLETED");
        assertThat(state.getTurns()).isEqualTo(1);
        assertThat(state.getProfile().getFirstName()).isEqualTo("John");
        assertThat(state.getProfile().getMedications()).hasSize(7);
    }

    @Test
    void aRepeatedMessageIdIsOneTurnAndItsAnswerIsSaidAgainWithTheSameReplies() {
        driver = new ConversationDriver(PharmacyFixtures.seed());
        driver.open("c-1");
        var first = driver.say("c-1", "m-1", "Which medications am I on?");
        assertThat(driver.changelog()).as("read, so that only later writes remain").isNotEmpty();
        int events = driver.events().size();

        var again = driver.say("c-1", "m-1", "Which medications am I on?");

        assertThat(again).singleElement().satisfies(r -> {
            assertThat(r.getType()).isEqualTo(ReplyEventType.ANSWER_REPEATED);
            assertThat(r.getRepeated().getMessageId()).isEqualTo("m-1");
            assertThat(r.getRepeated().getReplies()).extracting(AssistantReplied::getReplyId, AssistantReplied::getSequence,
                    AssistantReplied::getInReplyTo, AssistantReplied::getTurnComplete)
                    .containsExactlyElementsOf(first.stream().map(ReplyEvent::getReplied).map(f -> tuple(f.getReplyId(),
                            f.getSequence(), f.getInReplyTo(), f.getTurnComplete())).toList());
            assertThat(r.getRepeated().getReplies().get(0).getText()).contains("Omeprazole 20mg");
            assertThat(r.getMetadata().getCorrelationId()).isEqualTo("m-1");
        });
        assertThat(driver.state("c-1").getTurns()).isEqualTo(1);
        assertThat(driver.events()).as("nothing recorded").hasSize(events);
        assertThat(driver.changelog()).as("the state is not written again").isEmpty();
    }

    @Test
    void aMessageRepeatedWhileItsToolsWorkGetsNothingYetAndItsFinalReplyOnce() {
        driver = new ConversationDriver(PharmacyFixtures.seed().withSilent("medication_history"));
        driver.open("c-1");
        assertThat(driver.say("c-1", "m-1", "Which medications am I on?")).isEmpty();

        assertThat(driver.say("c-1", "m-1", "Which medications am I on?")).isEmpty();

        assertThat(driver.answerSilentTools(PharmacyFixtures.seed())).singleElement()
                .satisfies(r -> assertThat(r.getReplied().getTurnComplete()).isTrue());
        assertThat(driver.state("c-1").getTurns()).isEqualTo(1);
    }

    @Test
    void theTranscriptKeepsWhetherEachReplyEndedItsTurnAsTheReplySaid() {
        driver = new ConversationDriver(PharmacyFixtures.seed());
        driver.open("c-1");
        driver.say("c-1", "m-1", "I need a refill");
        driver.say("c-1", "m-2", "omeprazole");
        driver.say("c-1", "m-3", "talk to a pharmacist");

        var published = driver.replies().stream().filter(r -> r.getType() == ReplyEventType.ASSISTANT_REPLIED)
                .collect(java.util.stream.Collectors.toMap(r -> r.getReplied().getReplyId(),
                        r -> r.getReplied().getTurnComplete()));
        var lines = driver.state("c-1").getTranscript().stream().filter(l -> l.getReplyId() != null).toList();
        assertThat(lines).isNotEmpty().allSatisfy(line ->
                assertThat(line.getTurnComplete()).as(line.getText()).isEqualTo(published.get(line.getReplyId())));
        assertThat(driver.events()).filteredOn(e -> e.getType() == ConversationEventType.REPLY_SENT)
                .allSatisfy(e -> assertThat(e.getReplySent().getTurnComplete())
                        .isEqualTo(published.get(e.getReplySent().getReplyId())));
    }

    @Test
    void aMessageWhileToolsWorkIsAnsweredInOrderAfterwards() {
        driver = new ConversationDriver(PharmacyFixtures.seed().withSilent("medication_history"));
        driver.open("c-1");
        assertThat(driver.say("c-1", "m-1", "Which medications am I on?")).isEmpty();
        assertThat(driver.say("c-1", "m-2", "thanks")).isEmpty();

        var replies = driver.answerSilentTools(PharmacyFixtures.seed());

        assertThat(replies).extracting(r -> r.getReplied().getInReplyTo()).containsExactly("m-1", "m-2");
        assertThat(replies).allSatisfy(r -> assertThat(r.getReplied().getTurnComplete()).isTrue());
    }
}
