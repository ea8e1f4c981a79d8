package com.rxflow.schemas.serde;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.avro.AvroDecodingException;
import com.rxflow.schemas.phi.PhiSealException;
import com.rxflow.schemas.phi.PhiSealer;

/**
 * The default value deserializer of every RxFlow topic. It reads records written with any schema
 * version RxFlow has shipped into the current generated class; anything else is a
 * {@link SerializationException}, which the services route to their dead-letter topics. It
 * decodes with the codec of its configuration ({@link AvroCodec#CONFIG}: the service's own, which
 * looks schemas it does not ship up in the service's schema store), or the shared one. Given a
 * {@link PhiSealer} under {@value PhiSealer#CONFIG}, it opens the sealed PHI fields (a forgotten
 * patient's read as erased; an altered one is a {@link SerializationException}).
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private AvroSerdeConfig config = AvroSerdeConfig.DEFAULT;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        config = config.configuredBy(configs);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return (T) config.decode(data);
        } catch (AvroDecodingException | PhiSealException e) {
            throw new SerializationException("record on " + topic + " is not readable: " + e.getMessage(), e);
        }
    }
}
