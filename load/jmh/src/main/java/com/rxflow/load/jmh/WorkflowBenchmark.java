package com.rxflow.load.jmh;

import java.util.concurrent.TimeUnit;

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

import com.rxflow.processor.conversation.workflow.Decision;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.InterpretationContext;

/**
 * Decisions per second of the pure workflow core, the work the stream thread does per input (the
 * store and Kafka excluded), with the seed-mirroring fixtures. Run with {@code -prof gc} for the
 * allocation per decision. See load/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class WorkflowBenchmark {

    private RefillFixture refill;
    private InterpretationContext context;

    @Setup
    public void prepare() {
        refill = new RefillFixture();
        context = InterpretationContext.empty();
    }

    /** A patient asks for a refill: understanding, the type's start and four tool calls. */
    @Benchmark
    public Decision refillRequest() {
        return refill.workflow.decide(refill.opened, refill.refillRequest, refill.now);
    }

    /** The last refill check arrives: the batch is complete, the gates run, the dosage question is asked. */
    @Benchmark
    public Decision lastCheckRunsTheGates() {
        return refill.workflow.decide(refill.checksAlmostDone, refill.lastCheck, refill.now);
    }

    /** The explicit yes: the confirmation is recorded and place_order sent. */
    @Benchmark
    public Decision explicitYesPlacesTheOrder() {
        return refill.workflow.decide(refill.confirmingOrder, refill.yes, refill.now);
    }

    /** Understanding alone. */
    @Benchmark
    public Interpretation interpret() {
        return refill.interpreter.interpret("I need to refill my omeprazol and my heartburn medicine", context);
    }
}
