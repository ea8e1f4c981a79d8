package com.rxflow.escalation.audit;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import com.rxflow.events.audit.AuditRecord;
import com.rxflow.events.audit.PatientDataAccessed;
import com.rxflow.schemas.topic.Topic;
import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The audit chain: audit-access in, audit-log out, one chain per partition. A sub-topology of
 * escalation-service's Streams app of its own (it shares no topic or store with the cases), so it
 * runs under the same exactly-once guarantee. Each record goes to the audit-log partition of the
 * same number as the audit-access partition it came from, whatever its key hashes to, so a chain
 * never spreads over two partitions; the two topics have the same partition count (as every RxFlow
 * topic). Node names are fixed: Kafka Streams derives the stores' changelog names from them.
 */
public final class AuditChainTopology {

    public static final String SOURCE = "audit-access-source";
    public static final String CHAIN_NODE = "audit-chain-processor";
    public static final String SINK = "audit-log-sink";

    private AuditChainTopology() {
    }

    /** Adds the audit chain's nodes to {@code topology} and returns it. */
    public static Topology build(Topology topology, TopicCatalogue catalogue) {
        Topic<String, PatientDataAccessed> accesses = catalogue.topic(TopicCatalogue.AUDIT_ACCESS);
        Topic<String, AuditRecord> log = catalogue.topic(TopicCatalogue.AUDIT_LOG);
        return topology
                .addSource(SOURCE, accesses.keySerde().deserializer(), accesses.valueSerde().deserializer(),
                        accesses.name())
                .addProcessor(CHAIN_NODE, new ChainSupplier(), SOURCE)
                .addSink(SINK, log.name(), log.keySerde().serializer(), log.valueSerde().serializer(),
                        new SamePartition(), CHAIN_NODE);
    }

    /** Supplies the chain node and declares its stores, so Kafka Streams wires them. */
    private static final class ChainSupplier implements ProcessorSupplier<String, PatientDataAccessed, String, AuditRecord> {

        @Override
        public Processor<String, PatientDataAccessed, String, AuditRecord> get() {
            return new AuditChainProcessor();
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(AuditStores.heads(), AuditStores.byPatient());
        }
    }

    /** A record's partition is its chain's. */
    private static final class SamePartition implements StreamPartitioner<String, AuditRecord> {

        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, AuditRecord record, int numPartitions) {
            if (record.getPartition() >= numPartitions) {
                throw new IllegalStateException(topic + " has " + numPartitions + " partitions, fewer than "
                        + "audit-access: the chain of partition " + record.getPartition() + " has nowhere to go");
            }
            return Optional.of(Set.of(record.getPartition()));
        }
    }
}
