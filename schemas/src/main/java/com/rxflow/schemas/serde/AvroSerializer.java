package com.rxflow.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import com.rxflow.schemas.avro.AvroCodec;

/**
 * The default value serializer of every RxFlow topic: Avro single-object encoding, no registry
 * needed. Configured by class name ({@code rxflow.serde.value-serializer}) so a deployment with a
 * schema registry can swap in its own serializer. It encodes with the codec of its configuration
 * ({@link AvroCodec#CONFIG}: the service's own, with its schema store), or the shared one.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private AvroCodec codec = AvroCodec.shared();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (configs.containsKey(AvroCodec.CONFIG)) {
            codec = AvroCodec.configuredBy(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(data);
    }
}
