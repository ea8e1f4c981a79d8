package com.rxflow.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * The default value serializer of every RxFlow topic: Avro single-object encoding, no registry
 * needed. Configured by class name ({@code rxflow.serde.value-serializer}) so a deployment with a
 * schema registry can swap in its own serializer. It encodes with the codec of its configuration
 * ({@link AvroCodec#CONFIG}: the service's own, with its schema store), or the shared one; given a
 * {@link PhiSealer} under {@value PhiSealer#CONFIG}, it seals each record's PHI fields first.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private AvroSerdeConfig config = AvroSerdeConfig.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        config = config.configuredBy(configs);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        return config.encode(data);
    }
}
