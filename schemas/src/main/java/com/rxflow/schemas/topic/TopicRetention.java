package com.rxflow.schemas.topic;

/**
 * How long a topic keeps its records, as a class of topics: every RxFlow topic is created with an
 * explicit {@code retention.ms} for its class and {@code cleanup.policy=delete}, except the
 * {@link #COMPACTED} schema store and the {@link #PATIENT_KEYS} topic (the other compacted topics are
 * the stores' changelogs, which Kafka Streams creates, and tools-service's request log). The durations are the pharmacy's
 * to choose: {@code rxflow.kafka.topics.retention.*} and {@code rxflow.kafka.topics.audit-retention}.
 */
public enum TopicRetention {
    /**
     * Commands, results, replies and actions, read within moments of being written; the state they
     * build lives in the services' stores, so the topic only needs to outlive an outage.
     */
    MESSAGING,
    /**
     * The domain log: the facts of every conversation and every case, as long as the pharmacy must
     * keep its records of them (never compacted).
     */
    DOMAIN_LOG,
    /** Orders and renewals: the order book's only durable form, kept as long as the pharmacy keeps orders. */
    ORDER_BOOK,
    /** The audit trail, append-only, for the pharmacy's audit retention. */
    AUDIT,
    /** The services' dead-letter topics, long enough for an operator to look at each. */
    DEAD_LETTERS,
    /**
     * The schema store: one record per key, kept for ever ({@code cleanup.policy=compact},
     * {@code retention.ms=-1}); a key (a schema's fingerprint) is never written with another value,
     * so compaction only drops repeated publications.
     */
    COMPACTED,
    /**
     * The patients' data keys: compacted, never deleted by age ({@code retention.ms=-1}), and a
     * forgotten key's record compacted away within a day of its tombstone
     * ({@code PatientKeysTopic.config()}: {@code max.compaction.lag.ms}, hourly segments, tombstones
     * kept a day).
     */
    PATIENT_KEYS
}
