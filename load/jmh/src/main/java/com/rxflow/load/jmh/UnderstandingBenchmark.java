package com.rxflow.load.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.rxflow.processor.understanding.DeterministicInterpreter;
import com.rxflow.processor.understanding.DrugVocabulary;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.processor.understanding.InterpretationContext.KnownMedication;
import com.rxflow.processor.understanding.InterpretationContext.ListedPharmacy;
import com.rxflow.processor.understanding.Interpreter;
import com.rxflow.processor.understanding.LayeredInterpreter;
import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.safety.Screening;

/**
 * Understanding, the part of a turn that grows with what patients type: the safety screen every
 * message passes first, the keyword interpreter and the layered interpreter (the keyword rules,
 * then the semantic classifier when they are not sure), over the kinds of message the load
 * benchmark sends and the kinds patients write: a misspelling, a long message with cue words that
 * reaches the screen's semantic layer, an indirect one, a request the keyword rules are not sure
 * of. Sample time, so JMH reports p50 and p99 per message; with {@code -prof gc} the bytes
 * allocated per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UnderstandingBenchmark {

    @Param({"refill my omeprazole", "yes", "the cheapest", "Which medications am I on?",
            "Can I take ibuprofen with my meloxicam?", "no, I meant metformin 500 mg, 90 tablets, zip 78701",
            "my back is killing me and the copay for my meloxicam is way too high, is there a cheaper one near me",
            "honestly i dont see the point of any of this anymore",
            "could someone check on the thing for my nerves i sent in tuesday"})
    public String message;

    private SafetyScreen screen;
    private Interpreter interpreter;
    private Interpreter layered;
    private InterpretationContext context;

    @Setup
    public void prepare() {
        screen = SafetyScreen.bundled();
        interpreter = new DeterministicInterpreter(DrugVocabulary.bundled());
        layered = LayeredInterpreter.bundled();
        context = new InterpretationContext(List.of(
                new KnownMedication("Omeprazole", "omeprazole", List.of("Prilosec"), "acid reflux", "ppi"),
                new KnownMedication("Lisinopril", "lisinopril", List.of("Zestril", "Prinivil"), "high blood pressure",
                        "ace_inhibitor"),
                new KnownMedication("Metformin", "metformin", List.of("Glucophage"), "type 2 diabetes", "biguanide"),
                new KnownMedication("Meloxicam", "meloxicam", List.of("Mobic"), "arthritis", "nsaid")),
                List.of(new ListedPharmacy("WALMART_98765", "Walmart Pharmacy #98765"),
                        new ListedPharmacy("CVS_12345", "CVS Pharmacy"),
                        new ListedPharmacy("HEB_77777", "H-E-B Pharmacy")));
    }

    /** The safety screen alone: the check every message passes before anything else. */
    @Benchmark
    public Screening safetyScreen() {
        return screen.screen(message);
    }

    /** The keyword interpreter alone, with the patient's context. */
    @Benchmark
    public Interpretation interpret() {
        return interpreter.interpret(message, context);
    }

    /** The layered interpreter the processor runs: the keyword rules, and the classifier when they are not sure. */
    @Benchmark
    public Interpretation interpretLayered() {
        return layered.interpret(message, context);
    }
}
