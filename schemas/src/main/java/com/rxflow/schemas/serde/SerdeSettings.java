package com.rxflow.schemas.serde;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * Which serializer and deserializer classes encode RxFlow's values, and the configuration they
 * get. The default is RxFlow's own Avro single-object encoding; a pharmacy that runs a schema
 * registry names its registry's classes and their settings instead.
 *
 * @param serializer   class name of a {@link Serializer} of Avro specific records
 * @param deserializer class name of a {@link Deserializer} of Avro specific records
 * @param config       passed to both classes' {@code configure}
 */
public record SerdeSettings(String serializer, String deserializer, Map<String, ?> config) {

    public static final SerdeSettings DEFAULT =
            new SerdeSettings(AvroSerializer.class.getName(), AvroDeserializer.class.getName(), Map.of());

    public SerdeSettings {
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(deserializer, "deserializer");
        config = config == null ? Map.of() : Map.copyOf(config);
    }

    /** These settings with one more configuration entry (an object value, such as the service's codec). */
    public SerdeSettings with(String key, Object value) {
        Map<String, Object> more = new java.util.HashMap<>(config);
        more.put(key, value);
        return new SerdeSettings(serializer, deserializer, more);
    }

    /** A value serde made of the configured classes. */
    @SuppressWarnings("unchecked")
    public <V> Serde<V> valueSerde() {
        Serializer<V> ser = instantiate(serializer, Serializer.class);
        Deserializer<V> de = instantiate(deserializer, Deserializer.class);
        ser.configure(config, false);
        de.configure(config, false);
        return Serdes.serdeFrom(ser, de);
    }

    /**
     * A serde of RxFlow's own Avro encoding with this configuration (so with the PHI sealer when
     * there is one), for state stores: their changelogs are private to a service and need no
     * registry, whatever the topics use.
     */
    public <V> Serde<V> storeSerde() {
        return new SerdeSettings(DEFAULT.serializer, DEFAULT.deserializer, config).valueSerde();
    }

    private static <T> T instantiate(String className, Class<T> base) {
        try {
            return Utils.newInstance(className, base);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("serde class " + className + " is not on the classpath", e);
        }
    }
}
