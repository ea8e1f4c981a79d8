package com.rxflow.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * The default value serializer of every RxFlow topic: Avro single-object encoding, no registry
 * needed. Configured by class name ({@code rxflow.serde.value-serializer}) so a deployment with a
 * schema registry can swap in its own serializer. Given a {@link PhiSealer} under
 * {@value PhiSealer#CONFIG} in its configuration, it seals each record's PHI fields first.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private PhiSealer sealer;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (configs.get(PhiSealer.CONFIG) instanceof PhiSealer configured) {
            sealer = configured;
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        return AvroCodec.shared().encode(sealer == null ? data : sealer.seal(data));
    }
}
