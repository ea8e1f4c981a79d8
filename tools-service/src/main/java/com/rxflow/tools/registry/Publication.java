package com.rxflow.tools.registry;

import java.util.Objects;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.schemas.topic.TopicSpec;

/**
 * A record a tool asks to publish besides its result (an order for the pharmacy's system). The
 * listener writes it in the same Kafka transaction as the result, so both happen or neither.
 */
public record Publication(TopicSpec<?> topic, String key, SpecificRecord value) {

    public Publication {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
