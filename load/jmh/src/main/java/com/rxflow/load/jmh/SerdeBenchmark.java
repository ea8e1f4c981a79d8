package com.rxflow.load.jmh;

import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
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

import com.rxflow.schemas.avro.AvroCodec;

/**
 * Avro single-object encoding and decoding of the envelopes a turn writes and reads (through
 * {@link AvroCodec}, what every RxFlow serializer and deserializer calls), and of the conversation
 * snapshot the processor's store and changelog hold, which is rewritten on every input. The records
 * are real ones, the largest of each type met in the omeprazole refill; {@code setup} prints their
 * encoded sizes. Nanoseconds per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {

    @Param({"PatientEvent", "ToolCommand", "ToolResult", "ReplyEvent", "ConversationEvent", "ConversationSnapshot"})
    public String type;

    private final AvroCodec codec = AvroCodec.shared();
    private SpecificRecord record;
    private byte[] encoded;
    private Class<? extends SpecificRecord> recordType;

    @Setup
    public void prepare() {
        RefillFixture refill = new RefillFixture();
        recordType = RefillFixture.ENVELOPES.stream().filter(t -> t.getSimpleName().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no envelope " + type));
        record = refill.largest(recordType);
        encoded = codec.encode(record);
        System.out.println("# " + type + ": " + encoded.length + " bytes encoded");
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(record);
    }

    @Benchmark
    public SpecificRecord decode() {
        return codec.decode(encoded, recordType);
    }
}
