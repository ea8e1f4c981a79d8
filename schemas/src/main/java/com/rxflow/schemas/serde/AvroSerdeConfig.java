package com.rxflow.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * What {@link AvroSerializer} and {@link AvroDeserializer} take from their {@code configure}
 * map: the codec under {@link AvroCodec#CONFIG} (the shared one when absent) and the PHI sealer
 * under {@value PhiSealer#CONFIG} (none when absent).
 *
 * @param codec  encodes and decodes the records
 * @param sealer seals and opens their PHI fields; null when PHI travels in the clear
 */
record AvroSerdeConfig(AvroCodec codec, PhiSealer sealer) {

    /** Before {@code configure}: the shared codec, no sealer. */
    static final AvroSerdeConfig DEFAULT = new AvroSerdeConfig(AvroCodec.shared(), null);

    static AvroSerdeConfig from(Map<String, ?> configs) {
        AvroCodec codec = configs.containsKey(AvroCodec.CONFIG) ? AvroCodec.configuredBy(configs) : AvroCodec.shared();
        PhiSealer sealer = configs.get(PhiSealer.CONFIG) instanceof PhiSealer configured ? configured : null;
        return new AvroSerdeConfig(codec, sealer);
    }

    /** The record's single-object encoding, its PHI fields sealed first when there is a sealer. */
    byte[] encode(SpecificRecord record) {
        return codec.encode(sealer == null ? record : sealer.seal(record));
    }

    /** The record the bytes hold, its PHI fields opened when there is a sealer. */
    SpecificRecord decode(byte[] data) {
        SpecificRecord record = codec.decode(data);
        return sealer == null ? record : sealer.open(record);
    }
}
