package com.rxflow.escalation.audit;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import com.rxflow.events.audit.AuditRecord;
import com.rxflow.schemas.serde.AvroDeserializer;
import com.rxflow.schemas.serde.AvroSerializer;

/**
 * The chain's two stores, in RocksDB with changelogs. Values are always RxFlow's own Avro encoding,
 * whatever serde the topics use: the changelogs are private to this service.
 */
public final class AuditStores {

    /** The head of each partition's chain (its last record), by partition number: one entry per task. */
    public static final String HEADS = "audit-chain-heads";
    /**
     * Every record by {@code <pseudonym>|<sequence, 19 digits>}, so one patient's records are one
     * prefix scan, in chain order. One patient's records are all on the partition of their pseudonym.
     */
    public static final String BY_PATIENT = "audit-by-patient";

    private static final String SEPARATOR = "|";

    private AuditStores() {
    }

    /**
     * Cached (the Streams record cache): the processor reads and writes the head through the cache,
     * and a commit flushes each partition's last head to RocksDB and the changelog once, not once per
     * record. The cache is flushed before the commit's transaction ends, so the changelog's head is
     * always the head of the records committed with it.
     */
    static StoreBuilder<KeyValueStore<Integer, AuditRecord>> heads() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HEADS), Serdes.Integer(), records())
                .withCachingEnabled();
    }

    static StoreBuilder<KeyValueStore<String, AuditRecord>> byPatient() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BY_PATIENT), Serdes.String(), records());
    }

    /** The key of a record in {@link #BY_PATIENT}. */
    static String key(String pseudonym, long sequence) {
        return prefix(pseudonym) + String.format("%019d", sequence);
    }

    /** The prefix of every key of one patient in {@link #BY_PATIENT}. */
    static String prefix(String pseudonym) {
        return pseudonym + SEPARATOR;
    }

    private static Serde<AuditRecord> records() {
        return Serdes.serdeFrom(new AvroSerializer<>(), new AvroDeserializer<>());
    }
}
