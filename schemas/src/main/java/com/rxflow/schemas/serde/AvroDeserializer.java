package com.rxflow.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.AvroDecodingException;

/**
 * The default value deserializer of every RxFlow topic. It reads records written with any schema
 * version RxFlow has shipped into the current generated class; anything else is a
 * {@link SerializationException}, which the services route to their dead-letter topics.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return (T) AvroCodec.shared().decode(data);
        } catch (AvroDecodingException e) {
            throw new SerializationException("record on " + topic + " is not readable: " + e.getMessage(), e);
        }
    }
}
