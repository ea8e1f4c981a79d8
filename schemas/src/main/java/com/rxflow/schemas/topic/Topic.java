package com.rxflow.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A physical topic with the serdes of its key and value, so call sites read
 * {@code Consumed.with(topic.keySerde(), topic.valueSerde())} and never pick serdes by hand.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
