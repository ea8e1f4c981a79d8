package com.rxflow.benchmarks;

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
import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.safety.Screening;

/**
 * Understanding, the part of a turn that grows with what patients type: the red-flag gate every
 * message passes first, then the deterministic interpreter, over the kinds of message the load
 * benchmark sends (and a misspelling, the Jaro-Winkler path), with a patient's own medications and
 * a listed pharmacies context as the workflow passes them. Nanoseconds per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class UnderstandingBenchmark {

    @Param({"refill my omeprazole", "I need to refill my omeprazol and my heartburn medicine", "yes",
            "the cheapest", "Which medications am I on?", "Can I take ibuprofen with my meloxicam?",
            "no, I meant metformin 500 mg, 90 tablets, zip 78701"})
    public String message;

    private SafetyScreen screen;
    private Interpreter interpreter;
    private InterpretationContext context;

    @Setup
    public void prepare() {
        screen = SafetyScreen.bundled();
        interpreter = new DeterministicInterpreter(DrugVocabulary.bundled());
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

    /** The interpreter with the patient's context. */
    @Benchmark
    public Interpretation interpret() {
        return interpreter.interpret(message, context);
    }
}
