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

    /**
     * This configuration with what {@code configs} holds: a key that is absent keeps what an earlier
     * {@code configure} gave. A serde is configured more than once (by the service, then by the
     * client or Kafka Streams with maps that do not carry the sealer), and a later call must not
     * drop the sealer: replies would reach patients sealed.
     */
    AvroSerdeConfig configuredBy(Map<String, ?> configs) {
        AvroCodec withCodec = configs.containsKey(AvroCodec.CONFIG) ? AvroCodec.configuredBy(configs) : codec;
        PhiSealer withSealer = configs.get(PhiSealer.CONFIG) instanceof PhiSealer configured ? configured : sealer;
        return new AvroSerdeConfig(withCodec, withSealer);
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
