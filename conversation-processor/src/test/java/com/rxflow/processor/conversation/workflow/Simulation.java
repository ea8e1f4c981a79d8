package com.rxflow.processor.conversation.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolFailed;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.Inputs;
import com.rxflow.processor.conversation.PharmacyFixtures;
import com.rxflow.processor.understanding.DeterministicInterpreter;
import com.rxflow.processor.understanding.DrugVocabulary;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.processor.understanding.safety.SafetyScreen;

/**
 * One conversation driven through the pure core by a script of patient messages, tool answers,
 * failures, escalation events and passing time, recording every output in order, for the property
 * tests and the benchmark-like checks.
 */
final class Simulation {

    static final String C = "c-sim";

    final ConversationWorkflow workflow = new ConversationWorkflow(SafetyScreen.bundled(), new DeterministicInterpreter(DrugVocabulary.bundled()),
            ConversationTypes.defaults(), ConversationDriver.POLICY, AvroCodec.shared());
    private final PharmacyFixtures fixtures = PharmacyFixtures.seed();
    final List<SpecificRecord> outputs = new ArrayList<>();
    final List<ConversationEvent> events = new ArrayList<>();
    final Map<String, String> messages = new HashMap<>();
    private final List<ToolCommand> outstanding = new ArrayList<>();
    private final List<EscalationCommand> escalations = new ArrayList<>();
    ConversationSnapshot state;
    private Instant now = ConversationDriver.T0;
    private int counter;

    Simulation() {
        decide(Inputs.opened(C, PharmacyFixtures.PATIENT));
    }

    private void decide(Object input) {
        Decision decision;
        try {
            decision = workflow.decide(state, input, now);
        } catch (RuntimeException e) {
            throw new IllegalStateException("deciding " + input + " at " + (state == null ? null : state.getStep())
                    + " after " + messages, e);
        }
        state = decision.snapshot();
        for (SpecificRecord output : decision.outputs()) {
            outputs.add(output);
            if (output instanceof ConversationEvent event) {
                events.add(event);
            } else if (output instanceof ToolCommand command) {
                outstanding.add(command);
            } else if (output instanceof EscalationCommand command && command.getEscalate() != null) {
                escalations.add(command);
            }
        }
    }

    void say(String text, boolean answerTools) {
        now = now.plusSeconds(3);
        String id = "m-" + ++counter;
        messages.put(id, text);
        decide(Inputs.message(C, PharmacyFixtures.PATIENT, id, text));
        if (answerTools) {
            answerAll();
        }
    }

    void answerAll() {
        for (int round = 0; round < 20 && !outstanding.isEmpty(); round++) {
            List<ToolCommand> batch = new ArrayList<>(outstanding);
            outstanding.clear();
            batch.forEach(command -> decide(fixtures.answer(command, now)));
        }
    }

    void answerOne() {
        if (!outstanding.isEmpty()) {
            decide(fixtures.answer(outstanding.remove(0), now));
        }
    }

    void failOne(boolean retryable) {
        if (!outstanding.isEmpty()) {
            ToolCommand command = outstanding.remove(0);
            decide(ToolResult.newBuilder().setMetadata(Metadata.causedBy(command.getMetadata(), 0, "tools-service", now))
                    .setType(ToolResultType.TOOL_FAILED).setFailed(new ToolFailed(command.getInvokeTool().getRequestId(),
                            command.getInvokeTool().getTool(), "UNAVAILABLE", "down", retryable)).build());
        }
    }

    void advance(Duration duration) {
        now = now.plus(duration);
        for (int fired = 0; fired < 20; fired++) {
            Timers.Timer due = workflow.timers(state).stream().filter(t -> !t.dueAt().isAfter(now))
                    .min(Comparator.comparing(Timers.Timer::dueAt)).orElse(null);
            if (due == null) {
                return;
            }
            decide(new TimerFired(C, due));
        }
    }

    void escalationEvent(String kind) {
        if (escalations.isEmpty()) {
            return;
        }
        now = now.plusSeconds(3);
        EscalationCommand last = escalations.get(escalations.size() - 1);
        EscalationEvent event = switch (kind) {
            case "opened" -> Inputs.escalationOpened(last);
            case "claimed" -> Inputs.claimed(last, "Jennifer Martinez");
            case "replied" -> Inputs.pharmacistReplied(last, "A pharmacist's answer");
            case "returned" -> Inputs.resolved(last, ResolutionOutcome.RETURNED_TO_ASSISTANT, "done");
            case "closed" -> Inputs.resolved(last, ResolutionOutcome.CLOSED, null);
            case "approved" -> Inputs.prescriberDecided(last, PrescriberDecision.APPROVED, null);
            default -> Inputs.prescriberDecided(last, PrescriberDecision.DENIED, "no");
        };
        decide(event);
    }
}
