package com.rxflow.load.jmh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.Inputs;
import com.rxflow.processor.conversation.PharmacyFixtures;
import com.rxflow.processor.conversation.workflow.ConversationTypes;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.conversation.workflow.Decision;
import com.rxflow.processor.understanding.DeterministicInterpreter;
import com.rxflow.processor.understanding.DrugVocabulary;
import com.rxflow.processor.understanding.Interpreter;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.processor.understanding.safety.SafetyScreen;

/**
 * The omeprazole refill of the reference scenarios, played through the real workflow with the
 * seed-mirroring tool answers, stopping at the states the benchmarks start from; and the records
 * it produced on the way (real envelopes, as the topics carry them) for the serde benchmarks.
 */
final class RefillFixture {

    static final String C = "c-bench";

    final PharmacyFixtures fixtures = PharmacyFixtures.seed();
    final Interpreter interpreter = new DeterministicInterpreter(DrugVocabulary.bundled());
    final ConversationWorkflow workflow = new ConversationWorkflow(SafetyScreen.bundled(), interpreter, ConversationTypes.defaults(),
            ConversationDriver.POLICY, AvroCodec.shared());
    final Instant now = ConversationDriver.T0;

    /** A conversation with its profile loaded, waiting for the patient's first request. */
    final ConversationSnapshot opened;
    final PatientEvent refillRequest;
    /** The refill checks asked; all but the last answered. */
    final ConversationSnapshot checksAlmostDone;
    final ToolResult lastCheck;
    /** The order stated, waiting for the yes. */
    final ConversationSnapshot confirmingOrder;
    final PatientEvent yes;
    /** Every record the conversation produced or consumed, in order. */
    final List<SpecificRecord> records = new ArrayList<>();

    RefillFixture() {
        opened = answerAll(decide(null, Inputs.opened(C, PharmacyFixtures.PATIENT)));
        refillRequest = Inputs.message(C, PharmacyFixtures.PATIENT, "m-1", "I need to refill my omeprazole");
        Decision asked = decide(opened, refillRequest);
        List<ToolCommand> checks = commands(asked);
        ConversationSnapshot state = asked.snapshot();
        for (ToolCommand check : checks.subList(0, checks.size() - 1)) {
            state = decide(state, fixtures.answer(check, now)).snapshot();
        }
        checksAlmostDone = state;
        lastCheck = fixtures.answer(checks.get(checks.size() - 1), now);
        state = answerAll(decide(checksAlmostDone, lastCheck));
        state = answerAll(decide(state, Inputs.message(C, PharmacyFixtures.PATIENT, "m-2", "yes")));
        confirmingOrder = answerAll(decide(state, Inputs.message(C, PharmacyFixtures.PATIENT, "m-3", "the cheapest")));
        if (!"CONFIRM_ORDER".equals(confirmingOrder.getStep())) {
            throw new IllegalStateException("set-up did not reach CONFIRM_ORDER but " + confirmingOrder.getStep());
        }
        yes = Inputs.message(C, PharmacyFixtures.PATIENT, "m-4", "yes, place the order");
        records.add(confirmingOrder);
    }

    /** The largest record of a type met on the way (the one that costs most to encode). */
    <T extends SpecificRecord> T largest(Class<T> type) {
        return records.stream().filter(type::isInstance).map(type::cast)
                .max((a, b) -> Integer.compare(AvroCodec.shared().encode(a).length, AvroCodec.shared().encode(b).length))
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " in the refill"));
    }

    static final List<Class<? extends SpecificRecord>> ENVELOPES = List.of(PatientEvent.class, ToolCommand.class,
            ToolResult.class, ReplyEvent.class, ConversationEvent.class, ConversationSnapshot.class);

    private Decision decide(ConversationSnapshot state, Object input) {
        if (input instanceof SpecificRecord record) {
            records.add(record);
        }
        Decision decision = workflow.decide(state, input, now);
        records.addAll(decision.outputs());
        if (decision.snapshot() != null) {
            records.add(decision.snapshot());
        }
        return decision;
    }

    private ConversationSnapshot answerAll(Decision decision) {
        Decision current = decision;
        List<ToolCommand> pending = new ArrayList<>(commands(current));
        ConversationSnapshot state = current.snapshot();
        while (!pending.isEmpty()) {
            ToolCommand command = pending.remove(0);
            current = decide(state, fixtures.answer(command, now));
            state = current.snapshot();
            pending.addAll(commands(current));
        }
        return state;
    }

    static List<ToolCommand> commands(Decision decision) {
        List<ToolCommand> commands = new ArrayList<>();
        for (SpecificRecord output : decision.outputs()) {
            if (output instanceof ToolCommand command) {
                commands.add(command);
            }
        }
        return commands;
    }
}
