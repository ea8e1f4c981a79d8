package com.rxflow.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

import com.rxflow.schemas.avro.AvroCodec;

/**
 * The default value serializer of every RxFlow topic: Avro single-object encoding, no registry
 * needed. Configured by class name ({@code rxflow.serde.value-serializer}) so a deployment with a
 * schema registry can swap in its own serializer.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : AvroCodec.shared().encode(data);
    }
}
