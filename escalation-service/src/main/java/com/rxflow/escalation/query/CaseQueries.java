package com.rxflow.escalation.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

import com.rxflow.escalation.query.PartitionRoutes.Gathered;
import com.rxflow.escalation.query.PartitionRoutes.Served;
import com.rxflow.escalation.stream.EscalationCaseStore;
import com.rxflow.state.EscalationCase;

/**
 * Reads the queue from the {@code escalation-cases} store, wherever it lives. The store is
 * partitioned by conversation: each instance owns the cases of some partitions and, with
 * {@code num.standby.replicas}, keeps standby copies of others. A listing is a scatter-gather over
 * the partitions ({@link PartitionRoutes}): each partition is read from exactly one place, its
 * owner when the owner answers (this instance, or another one over HTTP through {@link PeerCases}),
 * otherwise an instance with a standby of it, and the answer says which partitions came from a
 * standby ({@link Replica#STANDBY}, possibly a little behind) and which could be read from nowhere.
 * A case by id is looked up the same way. An action's outcome is read from the owner only
 * ({@link #fromOwner}): the owner applies the action, a standby only follows it.
 */
@Component
public class CaseQueries {

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;
    private final PeerCases peers;
    private volatile Set<String> sourceTopics;

    CaseQueries(StreamsBuilderFactoryBean streams, PeerCases peers,
            @Value("${spring.kafka.streams.properties.application.server}") String applicationServer) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(applicationServer);
        this.peers = peers;
    }

    /**
     * The queue, every partition's part of it: from the partition's owner, or from a standby when
     * the owner cannot be read. {@link Queue#complete()} is false when a partition could be read
     * from nowhere.
     */
    public Queue list() {
        KafkaStreams running = running();
        Gathered<List<CaseSummary>> gathered = routes(running).gather(this::summaries, true);
        List<CaseSummary> cases = gathered.read().values().stream().flatMap(served -> served.value().stream())
                .sorted(CaseSummary.QUEUE_ORDER).toList();
        List<String> unavailable = new ArrayList<>(PartitionRoutes.addresses(gathered.silent()));
        boolean clash = !holdsWhatItAdvertises(running);
        if (clash) {
            unavailable.add(self.host() + ":" + self.port() + " (another instance advertises the same address: set "
                    + "rxflow.escalation.advertised-host on each)");
        }
        return new Queue(cases, gathered.unread().isEmpty() && !clash, unavailable, gathered.fromStandby(),
                List.copyOf(gathered.unread()));
    }

    /**
     * A case by id, to read: from the owner of its partition, or from a standby of that partition
     * when the owner cannot be read ({@link Found#replica()} says which).
     *
     * @throws CaseNotFoundException    when every partition was read and none has it
     * @throws QueueUnavailableException when no partition that was read has it and some could not be read
     */
    public Found find(String escalationId) {
        return find(escalationId, true);
    }

    /**
     * A case by id from the owner of its partition only, as a pharmacist's action needs it: the
     * owner applies the action, so a standby's copy is never acted on.
     *
     * @throws CaseNotFoundException    when every owner answered and none has it
     * @throws QueueUnavailableException when it was not found and an owner could not be read
     */
    public CaseView findActive(String escalationId) {
        return find(escalationId, false).view();
    }

    /**
     * A case read from the instance that owns its conversation's partition, where a pharmacist's
     * action on it is applied; empty when that instance does not (or no longer) hold it.
     */
    public Optional<CaseView> fromOwner(String conversationId, String escalationId) {
        KafkaStreams running = running();
        // the store's key is the escalation id, but its partitions are the conversations'
        KeyQueryMetadata owner = running.queryMetadataForKey(EscalationCaseStore.NAME, conversationId,
                Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new QueueUnavailableException("the case's partition has no active owner right now");
        }
        if (owner.activeHost().equals(self)) {
            return local(escalationId).map(CaseView::of);
        }
        try {
            return peers.find(owner.activeHost(), escalationId);
        } catch (RestClientException e) {
            throw new QueueUnavailableException("the instance that owns the case did not answer", e);
        }
    }

    /** Every case of the partitions this instance owns. */
    public List<EscalationCase> local() {
        List<EscalationCase> cases = new ArrayList<>();
        try (KeyValueIterator<String, EscalationCase> all = running().store(parameters()).all()) {
            all.forEachRemaining(entry -> cases.add(entry.value));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
        return cases;
    }

    /** A case of the partitions this instance owns. */
    public Optional<EscalationCase> local(String escalationId) {
        try {
            return Optional.ofNullable(running().store(parameters()).get(escalationId));
        } catch (InvalidStateStoreException e) {
            throw unavailable(e);
        }
    }

    /**
     * The cases of those of these partitions that this instance can read now: the ones it owns,
     * and, when {@code stale}, the ones it keeps a standby of.
     */
    public List<PartitionCases> local(Set<Integer> partitions, boolean stale) {
        KafkaStreams running = running();
        List<PartitionCases> read = new ArrayList<>();
        for (int partition : partitions) {
            readPartition(running, partition, stale, CaseQueries::summariesIn).ifPresent(served ->
                    read.add(new PartitionCases(partition, served.replica(), served.value())));
        }
        return read;
    }

    /** Those of these partitions that this instance can read now (as {@link #local(Set, boolean)}), searched for a case. */
    public List<PartitionCase> local(String escalationId, Set<Integer> partitions, boolean stale) {
        KafkaStreams running = running();
        List<PartitionCase> searched = new ArrayList<>();
        for (int partition : partitions) {
            readPartition(running, partition, stale, store -> Optional.ofNullable(store.get(escalationId)))
                    .ifPresent(served -> searched.add(new PartitionCase(partition, served.replica(),
                            served.value().map(CaseView::of).orElse(null))));
        }
        return searched;
    }

    private Found find(String escalationId, boolean standbyAllowed) {
        Gathered<Optional<CaseView>> gathered = routes(running())
                .gather((host, partitions, stale) -> lookup(host, escalationId, partitions, stale), standbyAllowed);
        Optional<Found> found = gathered.read().values().stream().filter(served -> served.value().isPresent())
                .map(served -> new Found(served.value().get(), served.replica())).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        if (!gathered.unread().isEmpty()) {
            throw new QueueUnavailableException("the partitions " + gathered.unread() + " of the queue, one of "
                    + "which may hold the case, could not be read");
        }
        throw new CaseNotFoundException(escalationId);
    }

    private Optional<Map<Integer, Served<List<CaseSummary>>>> summaries(HostInfo host, Set<Integer> partitions,
            boolean stale) {
        try {
            List<PartitionCases> read = host.equals(self) ? local(partitions, stale) : peers.cases(host, partitions, stale);
            // (an answer without the copy it came from is not one to this question: an older instance's)
            return Optional.of(read.stream().filter(part -> part.replica() != null && part.cases() != null)
                    .collect(Collectors.toMap(PartitionCases::partition,
                            part -> new Served<>(part.replica(), part.cases()), (first, second) -> first)));
        } catch (RestClientException | QueueUnavailableException e) {
            return Optional.empty();
        }
    }

    private Optional<Map<Integer, Served<Optional<CaseView>>>> lookup(HostInfo host, String escalationId,
            Set<Integer> partitions, boolean stale) {
        try {
            List<PartitionCase> searched = host.equals(self) ? local(escalationId, partitions, stale)
                    : peers.find(host, escalationId, partitions, stale);
            Map<Integer, Served<Optional<CaseView>>> read = new HashMap<>();
            searched.stream().filter(part -> part.replica() != null).forEach(part -> read.putIfAbsent(
                    part.partition(), new Served<>(part.replica(), Optional.ofNullable(part.found()))));
            return Optional.of(read);
        } catch (RestClientException | QueueUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * One partition's store as this instance can read it: the owner's (fresh) copy, else, when
     * {@code stale}, any copy it keeps (a standby's); empty when it holds none that is queryable now.
     */
    private static <T> Optional<Served<T>> readPartition(KafkaStreams running, int partition, boolean stale,
            Function<ReadOnlyKeyValueStore<String, EscalationCase>, T> query) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, EscalationCase>> owned = parameters().withPartition(partition);
        try {
            return Optional.of(new Served<>(Replica.ACTIVE, query.apply(running.store(owned))));
        } catch (InvalidStateStoreException e) {
            if (!stale) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(new Served<>(Replica.STANDBY, query.apply(running.store(owned.enableStaleStores()))));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    private static List<CaseSummary> summariesIn(ReadOnlyKeyValueStore<String, EscalationCase> store) {
        List<CaseSummary> cases = new ArrayList<>();
        try (KeyValueIterator<String, EscalationCase> all = store.all()) {
            all.forEachRemaining(entry -> cases.add(CaseSummary.of(entry.value)));
        }
        return cases;
    }

    private PartitionRoutes routes(KafkaStreams running) {
        if (sourceTopics == null) {
            sourceTopics = PartitionRoutes.sourceTopics(streams.getTopology().describe(), EscalationCaseStore.NAME);
        }
        PartitionRoutes routes = PartitionRoutes.of(running.streamsMetadataForStore(EscalationCaseStore.NAME),
                sourceTopics);
        if (routes.partitions().isEmpty()) {
            throw new QueueUnavailableException("the cases store's partitions are not assigned yet (starting)");
        }
        return routes;
    }

    /**
     * Kafka Streams groups partitions by advertised address: if another instance advertised this
     * one's address too, its partitions would look like this instance's own and be missed.
     */
    private boolean holdsWhatItAdvertises(KafkaStreams running) {
        Set<TopicPartition> advertised = running.streamsMetadataForStore(EscalationCaseStore.NAME).stream()
                .filter(host -> host.hostInfo().equals(self)).flatMap(host -> host.topicPartitions().stream())
                .collect(Collectors.toSet());
        Set<TopicPartition> held = running.metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream()).flatMap(task -> task.topicPartitions().stream())
                .collect(Collectors.toSet());
        return held.containsAll(advertised);
    }

    private static StoreQueryParameters<ReadOnlyKeyValueStore<String, EscalationCase>> parameters() {
        return StoreQueryParameters.fromNameAndType(EscalationCaseStore.NAME,
                QueryableStoreTypes.<String, EscalationCase>keyValueStore());
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || !kafkaStreams.state().isRunningOrRebalancing()) {
            throw new QueueUnavailableException("the cases store is not queryable right now (starting)");
        }
        return kafkaStreams;
    }

    private static QueueUnavailableException unavailable(InvalidStateStoreException e) {
        return new QueueUnavailableException("the cases store is not queryable right now (rebalancing)", e);
    }

    /**
     * The queue as read.
     *
     * @param cases             every case found, in queue order
     * @param complete          false when a partition of the queue could be read from nowhere
     * @param unavailable       the instances that did not answer (their partitions may still have
     *                          been read from a standby)
     * @param servedFromStandby the partitions read from a standby's copy, which may lag the owner
     * @param unread            the partitions no instance could read
     */
    public record Queue(List<CaseSummary> cases, boolean complete, List<String> unavailable,
            List<Integer> servedFromStandby, List<Integer> unread) {
    }

    /** A case as read, and from which copy of its partition. */
    public record Found(CaseView view, Replica replica) {
    }
}
