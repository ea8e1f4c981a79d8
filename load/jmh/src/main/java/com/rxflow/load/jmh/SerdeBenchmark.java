package com.rxflow.load.jmh;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
import com.rxflow.schemas.phi.DataKey;
import com.rxflow.schemas.phi.FieldCipher;
import com.rxflow.schemas.phi.PatientKeyring;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * Avro single-object encoding and decoding of the envelopes a turn writes and reads (through
 * {@link AvroCodec}, what every RxFlow serializer and deserializer calls), and of the conversation
 * snapshot the processor's store and changelog hold, which is rewritten on every input. The records
 * are real ones, the largest of each type met in the omeprazole refill; {@code setup} prints their
 * encoded sizes. Nanoseconds per record.
 *
 * <p>{@code phi=sealed} turns PHI encryption on: {@link PhiSealer} seals (copies the record,
 * AES-256-GCM on each PHI field) before encoding and opens after decoding, with the patient's key
 * already in memory (the keyring's steady state; no Kafka). {@code phi=clear} against
 * {@code phi=sealed} is the cost per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {

    /** Whether PHI fields travel in the clear or sealed. */
    public enum Phi { clear, sealed }

    @Param({"PatientEvent", "ToolCommand", "ToolResult", "ReplyEvent", "ConversationEvent", "ConversationSnapshot"})
    public String type;

    @Param({"clear", "sealed"})
    public Phi phi;

    private final AvroCodec codec = AvroCodec.shared();
    /** Null when {@code phi=clear}. */
    private PhiSealer sealer;
    private SpecificRecord record;
    private byte[] encoded;
    private Class<? extends SpecificRecord> recordType;

    @Setup
    public void prepare() {
        RefillFixture refill = new RefillFixture();
        recordType = RefillFixture.ENVELOPES.stream().filter(t -> t.getSimpleName().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no envelope " + type));
        record = refill.largest(recordType);
        sealer = phi == Phi.sealed ? new PhiSealer(new OneKey()) : null;
        encoded = encode();
        System.out.println("# " + type + ": " + codec.encode(record).length + " bytes clear"
                + (sealer == null ? "" : ", " + encoded.length + " bytes sealed"));
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(sealer == null ? record : sealer.seal(record));
    }

    @Benchmark
    public SpecificRecord decode() {
        SpecificRecord decoded = codec.decode(encoded, recordType);
        return sealer == null ? decoded : sealer.open(decoded);
    }

    /** Every patient's key, made once and kept: the keyring after its first read of the keys topic. */
    private static final class OneKey implements PatientKeyring {
        private final Map<String, DataKey> keys = new ConcurrentHashMap<>();

        @Override
        public DataKey currentKey(String patientId) {
            return keys.computeIfAbsent(patientId, id -> new DataKey(id, "k-1", FieldCipher.newKey()));
        }

        @Override
        public Optional<DataKey> key(String patientId, String keyId) {
            return Optional.ofNullable(keys.get(patientId));
        }
    }
}
