package com.rxflow.processor.conversation.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.OrderConfirmed;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tools.PlaceOrder;
import com.rxflow.processor.understanding.DeterministicInterpreter;
import com.rxflow.processor.understanding.DrugVocabulary;
import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.schemas.avro.AvroCodec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the workflow over random sequences of messages, tool answers, failures, cases and time. */
class WorkflowPropertiesTest {

    private static final List<String> PHRASES = List.of("I need to refill my omeprazole", "yes", "Yes, place the order",
            "1", "2", "the cheapest", "the Walmart", "no", "cancel", "start over", "no, I meant famotidine",
            "refill omeprazole and famotidine", "Can I talk to a pharmacist?", "I have chest pain", "which medications am I on?",
            "refill my heartburn medicine", "famotidine", "I need a refill for my metformin", "I need amoxicillin",
            "refill my omeprazol", "hello", "thanks", "asdf qwerty", "cancel my order", "how much is omeprazole?",
            "can I take ibuprofen with my meloxicam?", "refill my xyz123medicine", "try again", "78701",
            "x".repeat(1900));

    @Provide
    Arbitrary<List<Consumer<Simulation>>> scripts() {
        Arbitrary<Consumer<Simulation>> say = Arbitraries.of(PHRASES).map(text -> s -> s.say(text, true));
        Arbitrary<Consumer<Simulation>> sayOnly = Arbitraries.of(PHRASES).map(text -> s -> s.say(text, false));
        Arbitrary<Consumer<Simulation>> tools = Arbitraries.of(Simulation::answerAll, Simulation::answerOne,
                s -> s.failOne(true), s -> s.failOne(false));
        Arbitrary<Consumer<Simulation>> time = Arbitraries.of(Duration.ofSeconds(25), Duration.ofMinutes(3),
                Duration.ofMinutes(31)).map(d -> s -> s.advance(d));
        Arbitrary<Consumer<Simulation>> cases = Arbitraries.of("opened", "claimed", "replied", "returned", "closed",
                "approved", "denied").map(kind -> s -> s.escalationEvent(kind));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, say), net.jqwik.api.Tuple.of(2, sayOnly), net.jqwik.api.Tuple.of(2, tools),
                net.jqwik.api.Tuple.of(1, time), net.jqwik.api.Tuple.of(2, cases))
                .list().ofMinSize(1).ofMaxSize(40);
    }

    private static Simulation run(List<Consumer<Simulation>> script) {
        Simulation simulation = new Simulation();
        script.forEach(action -> action.accept(simulation));
        return simulation;
    }

    @Property(tries = 150)
    void noIllegalTransitionEverHappens(@ForAll("scripts") List<Consumer<Simulation>> script) {
        Simulation s = run(script);
        StateMachine machine = s.workflow.machine();
        for (ConversationEvent event : s.events) {
            if (event.getType() == ConversationEventType.STATE_CHANGED) {
                var change = event.getStateChanged();
                Step from = machine.step(change.getFromStep()).orElseThrow();
                Step to = machine.step(change.getToStep()).orElseThrow();
                assertThat(from.lifecycle().name()).isEqualTo(change.getFromState());
                assertThat(to.lifecycle().name()).isEqualTo(change.getToState());
                assertThat(machine.allows(from, to)).as("%s -> %s", from, to).isTrue();
                assertThat(from.lifecycle() == to.lifecycle() || from.lifecycle().canMoveTo(to.lifecycle())).isTrue();
            }
        }
    }

    @Property(tries = 150)
    void noOrderIsPlacedWithoutAPrecedingExplicitConfirmation(@ForAll("scripts") List<Consumer<Simulation>> script) {
        Simulation s = run(script);
        DeterministicInterpreter interpreter = new DeterministicInterpreter(DrugVocabulary.bundled());
        for (int i = 0; i < s.outputs.size(); i++) {
            SpecificRecord output = s.outputs.get(i);
            if (!(output instanceof ToolCommand command) || !command.getInvokeTool().getTool().equals("place_order")) {
                continue;
            }
            PlaceOrder order = AvroCodec.shared().decode(command.getInvokeTool().getArguments().array(), PlaceOrder.class);
            String yes = order.getConfirmationMessageId();
            assertThat(interpreter.interpret(s.messages.get(yes), InterpretationContext.empty()).isExplicitYes())
                    .as("'%s' is an explicit yes", s.messages.get(yes)).isTrue();
            boolean confirmedBefore = s.outputs.subList(0, i).stream()
                    .filter(o -> o instanceof ConversationEvent e && e.getType() == ConversationEventType.ORDER_CONFIRMED)
                    .map(o -> ((ConversationEvent) o).getOrderConfirmed())
                    .anyMatch(c -> matches(c, order));
            assertThat(confirmedBefore).as("an OrderConfirmed precedes place_order").isTrue();
        }
    }

    private static boolean matches(OrderConfirmed confirmed, PlaceOrder order) {
        return confirmed.getMessageId().equals(order.getConfirmationMessageId())
                && confirmed.getMedication().equals(order.getMedication())
                && confirmed.getPharmacyId().equals(order.getPharmacyId())
                && confirmed.getQuantity() == order.getQuantity();
    }

    /**
     * The patient is asked one thing at a time (issue 3: "one question per reply"). Words the
     * reply quotes back (a medication name as the patient wrote it) are not the assistant's question.
     */
    @Property(tries = 150)
    void everyAssistantReplyAsksAtMostOneQuestion(@ForAll("scripts") List<Consumer<Simulation>> script) {
        Simulation s = run(script);
        s.outputs.stream().filter(ReplyEvent.class::isInstance).map(ReplyEvent.class::cast)
                .filter(reply -> reply.getReplied() != null
                        && "ASSISTANT".equals(String.valueOf(reply.getReplied().getAuthor())))
                .map(reply -> reply.getReplied().getText().replaceAll("\"[^\"]*\"|“[^”]*”", ""))
                .forEach(text -> assertThat(text.chars().filter(c -> c == '?').count())
                        .as("questions in: %s", text).isLessThanOrEqualTo(1));
    }

    @Property(tries = 150)
    void theStateStaysBounded(@ForAll("scripts") List<Consumer<Simulation>> script) {
        Simulation s = run(script);
        assertThat(AvroCodec.shared().encode(s.state).length).isLessThan(64 * 1024);
        assertThat(s.state.getTranscript()).hasSizeLessThanOrEqualTo(ConversationFold.MAX_TRANSCRIPT_LINES);
        assertThat(s.state.getRecentMessageIds()).hasSizeLessThanOrEqualTo(ConversationFold.MAX_MESSAGE_IDS);
        assertThat(s.state.getPending()).hasSizeLessThanOrEqualTo(ConversationFold.MAX_PENDING);
        assertThat(s.state.getResults()).hasSizeLessThanOrEqualTo(ConversationFold.MAX_RESULTS);
        assertThat(s.state.getDeferred()).hasSizeLessThanOrEqualTo(ConversationFold.MAX_DEFERRED);
        assertThat(s.state.getEscalations()).hasSizeLessThanOrEqualTo(ConversationFold.MAX_ESCALATIONS);
    }

    @Property(tries = 150)
    void replayingTheDomainEventsRebuildsTheState(@ForAll("scripts") List<Consumer<Simulation>> script) {
        Simulation s = run(script);
        assertThat(new ConversationFold(AvroCodec.shared()).replay(s.events)).isEqualTo(s.state);
    }
}
