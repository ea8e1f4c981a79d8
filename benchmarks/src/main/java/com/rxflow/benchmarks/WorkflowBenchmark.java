package com.rxflow.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.rxflow.events.patient.PatientEvent;
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
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.processor.understanding.Interpreter;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.state.ConversationSnapshot;

/**
 * Decisions per second of the pure workflow core, the work the stream thread does per input (the
 * store and Kafka excluded), with the seed-mirroring fixtures. Run with {@code -prof gc} for the
 * allocation per decision. See benchmarks/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WorkflowBenchmark {

    private static final String C = "c-bench";

    private final PharmacyFixtures fixtures = PharmacyFixtures.seed();
    private final Interpreter interpreter = new DeterministicInterpreter(DrugVocabulary.bundled());
    private final ConversationWorkflow workflow = new ConversationWorkflow(interpreter, ConversationTypes.defaults(),
            ConversationDriver.POLICY, AvroCodec.shared());
    private Instant now = ConversationDriver.T0;

    /** A conversation with its profile loaded, waiting for the patient's first request. */
    private ConversationSnapshot opened;
    private PatientEvent refillRequest;
    /** The refill checks asked; three answers in, the fourth completes the batch and runs the gates. */
    private ConversationSnapshot checksAlmostDone;
    private ToolResult lastCheck;
    /** The order stated, waiting for the yes. */
    private ConversationSnapshot confirmingOrder;
    private PatientEvent yes;
    private InterpretationContext context;

    @Setup
    public void prepare() {
        opened = answerAll(decide(null, Inputs.opened(C, PharmacyFixtures.PATIENT)));
        refillRequest = Inputs.message(C, PharmacyFixtures.PATIENT, "m-1", "I need to refill my omeprazole");
        Decision asked = workflow.decide(opened, refillRequest, now);
        List<ToolCommand> checks = commands(asked);
        ConversationSnapshot state = asked.snapshot();
        for (ToolCommand check : checks.subList(0, checks.size() - 1)) {
            state = workflow.decide(state, fixtures.answer(check, now), now).snapshot();
        }
        checksAlmostDone = state;
        lastCheck = fixtures.answer(checks.get(checks.size() - 1), now);
        state = answerAll(workflow.decide(checksAlmostDone, lastCheck, now));
        state = answerAll(decide(state, Inputs.message(C, PharmacyFixtures.PATIENT, "m-2", "yes")));
        confirmingOrder = answerAll(decide(state, Inputs.message(C, PharmacyFixtures.PATIENT, "m-3", "the cheapest")));
        if (!"CONFIRM_ORDER".equals(confirmingOrder.getStep())) {
            throw new IllegalStateException("set-up did not reach CONFIRM_ORDER but " + confirmingOrder.getStep());
        }
        yes = Inputs.message(C, PharmacyFixtures.PATIENT, "m-4", "yes, place the order");
        context = InterpretationContext.empty();
    }

    private Decision decide(ConversationSnapshot state, Object input) {
        return workflow.decide(state, input, now);
    }

    private ConversationSnapshot answerAll(Decision decision) {
        Decision current = decision;
        List<ToolCommand> pending = new ArrayList<>(commands(current));
        ConversationSnapshot state = current.snapshot();
        while (!pending.isEmpty()) {
            ToolCommand command = pending.remove(0);
            current = workflow.decide(state, fixtures.answer(command, now), now);
            state = current.snapshot();
            pending.addAll(commands(current));
        }
        return state;
    }

    private static List<ToolCommand> commands(Decision decision) {
        List<ToolCommand> commands = new ArrayList<>();
        for (SpecificRecord output : decision.outputs()) {
            if (output instanceof ToolCommand command) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** A patient asks for a refill: understanding, the type's start and four tool calls. */
    @Benchmark
    public Decision refillRequest() {
        return workflow.decide(opened, refillRequest, now);
    }

    /** The last refill check arrives: the batch is complete, the gates run, the dosage question is asked. */
    @Benchmark
    public Decision lastCheckRunsTheGates() {
        return workflow.decide(checksAlmostDone, lastCheck, now);
    }

    /** The explicit yes: the confirmation is recorded and place_order sent. */
    @Benchmark
    public Decision explicitYesPlacesTheOrder() {
        return workflow.decide(confirmingOrder, yes, now);
    }

    /** Understanding alone. */
    @Benchmark
    public Interpretation interpret() {
        return interpreter.interpret("I need to refill my omeprazol and my heartburn medicine", context);
    }
}
