package com.rxflow.escalation.stream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.state.EscalationCase;

/**
 * The {@code escalation-cases} store: every case by escalation id, in RocksDB with a changelog so
 * a restarted or moved task gets its cases back. A task holds the cases of its partition's
 * conversations (the inputs are keyed by conversation id), so a case is found by its escalation id
 * on the instance that owns its conversation's partition.
 */
public final class EscalationCaseStore {

    public static final String NAME = "escalation-cases";
    /**
     * The timer index: {@code <due time>|<escalation id>|<kind>} to the case's conversation id,
     * range-scanned in due order by the punctuator.
     */
    public static final String TIMERS = "escalation-timers";

    private EscalationCaseStore() {
    }

    /**
     * The store's values are always RxFlow's own Avro encoding, whatever serde the topics are
     * configured with: the changelog is private to this service and needs no schema registry
     * ({@link TopicCatalogue#storeSerde()}, which seals PHI when encryption is on).
     */
    public static StoreBuilder<KeyValueStore<String, EscalationCase>> builder(TopicCatalogue catalogue) {
        Serde<EscalationCase> cases = catalogue.storeSerde();
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), cases);
    }
}
