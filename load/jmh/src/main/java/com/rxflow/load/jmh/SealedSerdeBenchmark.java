package com.rxflow.load.jmh;

import java.util.Optional;
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
 * {@link SerdeBenchmark}'s records with PHI encryption on: {@link PhiSealer} seals (copies the
 * record, AES-256-GCM on each PHI field) before encoding, and opens after decoding, with the
 * patient's key already in memory (the keyring's steady state; no Kafka). Compare with
 * {@code SerdeBenchmark} for the cost per record. Nanoseconds per record.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SealedSerdeBenchmark {

    @Param({"PatientEvent", "ToolCommand", "ToolResult", "ReplyEvent", "ConversationEvent", "ConversationSnapshot"})
    public String type;

    private final AvroCodec codec = AvroCodec.shared();
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
        sealer = new PhiSealer(new OneKey());
        encoded = codec.encode(sealer.seal(record));
        System.out.println("# " + type + ": " + codec.encode(record).length + " bytes clear, " + encoded.length
                + " bytes sealed");
    }

    @Benchmark
    public byte[] sealAndEncode() {
        return codec.encode(sealer.seal(record));
    }

    @Benchmark
    public SpecificRecord decodeAndOpen() {
        return sealer.open(codec.decode(encoded, recordType));
    }

    /** Every patient's key, made once and kept: the keyring after its first read of the keys topic. */
    private static final class OneKey implements PatientKeyring {
        private final java.util.Map<String, DataKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

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
