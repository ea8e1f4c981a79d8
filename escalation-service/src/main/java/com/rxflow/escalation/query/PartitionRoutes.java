package com.rxflow.escalation.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where each partition of a store can be read, as Kafka Streams last assigned the partitions: the
 * instance that owns it (its active task) and the instances that keep a standby replica of it
 * ({@link StreamsMetadata#standbyTopicPartitions()}). {@link #gather} reads every partition from
 * exactly one place, so no case is counted twice: its owner when the owner answers, otherwise one
 * of its standbys; what none could read is reported, never silently left out.
 */
final class PartitionRoutes {

    /** The instance that owns a partition (null while none does) and those with a standby of it. */
    record Route(HostInfo active, List<HostInfo> standbys) {
    }

    /** A partition's value as read, and the copy it was read from. */
    record Served<R>(Replica replica, R value) {
    }

    /** Reads some partitions on one instance. */
    @FunctionalInterface
    interface Reader<R> {

        /**
         * @param stale whether a standby's (possibly stale) copy may answer
         * @return what the instance could read, by partition (possibly fewer than asked: a
         *         partition whose copy is not queryable there right now is left out); empty when
         *         the instance did not answer at all
         */
        Optional<Map<Integer, Served<R>>> read(HostInfo host, Set<Integer> partitions, boolean stale);
    }

    /**
     * What a gather read.
     *
     * @param read   each partition read, with its value and the copy it came from
     * @param unread the partitions no instance could read
     * @param silent the instances that did not answer
     */
    record Gathered<R>(SortedMap<Integer, Served<R>> read, SortedSet<Integer> unread, Set<HostInfo> silent) {

        /** The partitions read from a standby's copy, which may lag their owner. */
        List<Integer> fromStandby() {
            return read.entrySet().stream().filter(e -> e.getValue().replica() == Replica.STANDBY)
                    .map(Map.Entry::getKey).toList();
        }
    }

    private final SortedMap<Integer, Route> routes;

    private PartitionRoutes(SortedMap<Integer, Route> routes) {
        this.routes = routes;
    }

    /**
     * The routes of a store's partitions.
     *
     * @param hosts        {@code streamsMetadataForStore(store)}: every instance with an active or a
     *                     standby task of the store
     * @param sourceTopics the topics the store's tasks read: an instance's metadata names the
     *                     partitions of all its tasks, the store's and other subtopologies' alike
     */
    static PartitionRoutes of(Collection<StreamsMetadata> hosts, Set<String> sourceTopics) {
        SortedMap<Integer, HostInfo> active = new TreeMap<>();
        SortedMap<Integer, Set<HostInfo>> standbys = new TreeMap<>();
        for (StreamsMetadata host : hosts) {
            partitions(host.topicPartitions(), sourceTopics).forEach(p -> active.put(p, host.hostInfo()));
            partitions(host.standbyTopicPartitions(), sourceTopics)
                    .forEach(p -> standbys.computeIfAbsent(p, any -> new LinkedHashSet<>()).add(host.hostInfo()));
        }
        SortedMap<Integer, Route> routes = new TreeMap<>();
        Set<Integer> all = new TreeSet<>(active.keySet());
        all.addAll(standbys.keySet());
        for (int partition : all) {
            routes.put(partition, new Route(active.get(partition),
                    List.copyOf(standbys.getOrDefault(partition, Set.of()))));
        }
        return new PartitionRoutes(routes);
    }

    /** The topics the tasks of the subtopology that holds {@code store} read. */
    static Set<String> sourceTopics(TopologyDescription topology, String store) {
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            boolean holdsStore = subtopology.nodes().stream().anyMatch(node ->
                    node instanceof TopologyDescription.Processor processor && processor.stores().contains(store));
            if (holdsStore) {
                return subtopology.nodes().stream()
                        .filter(TopologyDescription.Source.class::isInstance)
                        .map(node -> ((TopologyDescription.Source) node).topicSet())
                        .filter(topics -> topics != null)
                        .flatMap(Set::stream)
                        .collect(Collectors.toUnmodifiableSet());
            }
        }
        throw new IllegalStateException("no subtopology holds the store " + store);
    }

    /** The store's partitions that some instance holds, in order; empty before the first assignment. */
    SortedSet<Integer> partitions() {
        return new TreeSet<>(routes.keySet());
    }

    /**
     * Reads every partition from exactly one place: first each partition's owner, asking each
     * instance once for all the partitions it owns; then, when {@code standbyAllowed}, what is
     * still unread from a standby of it, one standby after the other. An instance that did not
     * answer is not asked again.
     */
    <R> Gathered<R> gather(Reader<R> reader, boolean standbyAllowed) {
        SortedMap<Integer, Served<R>> read = new TreeMap<>();
        Set<HostInfo> silent = new LinkedHashSet<>();
        Map<HostInfo, Set<Integer>> owners = new LinkedHashMap<>();
        routes.forEach((partition, route) -> {
            if (route.active() != null) {
                owners.computeIfAbsent(route.active(), host -> new TreeSet<>()).add(partition);
            }
        });
        ask(reader, owners, false, read, silent);
        if (standbyAllowed) {
            Map<Integer, Deque<HostInfo>> untried = new TreeMap<>();
            routes.forEach((partition, route) -> untried.put(partition, new ArrayDeque<>(route.standbys())));
            while (true) {
                Map<HostInfo, Set<Integer>> next = new LinkedHashMap<>();
                untried.forEach((partition, standbys) -> {
                    HostInfo standby = read.containsKey(partition) ? null : nextAnswering(standbys, silent);
                    if (standby != null) {
                        next.computeIfAbsent(standby, host -> new TreeSet<>()).add(partition);
                    }
                });
                if (next.isEmpty()) {
                    break;
                }
                ask(reader, next, true, read, silent);
            }
        }
        SortedSet<Integer> unread = new TreeSet<>(routes.keySet());
        unread.removeAll(read.keySet());
        return new Gathered<>(read, unread, silent);
    }

    private static <R> void ask(Reader<R> reader, Map<HostInfo, Set<Integer>> asks, boolean stale,
            SortedMap<Integer, Served<R>> read, Set<HostInfo> silent) {
        asks.forEach((host, partitions) -> {
            Optional<Map<Integer, Served<R>>> answer = reader.read(host, partitions, stale);
            if (answer.isEmpty()) {
                silent.add(host);
                return;
            }
            answer.get().forEach((partition, served) -> {
                if (partitions.contains(partition)) {
                    read.putIfAbsent(partition, served);
                }
            });
        });
    }

    private static HostInfo nextAnswering(Deque<HostInfo> standbys, Set<HostInfo> silent) {
        while (!standbys.isEmpty()) {
            HostInfo candidate = standbys.poll();
            if (!silent.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Set<Integer> partitions(Set<TopicPartition> partitions, Set<String> topics) {
        return partitions.stream().filter(tp -> topics.contains(tp.topic())).map(TopicPartition::partition)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public String toString() {
        return routes.toString();
    }

    /** For messages: the instances, as host:port. */
    static List<String> addresses(Collection<HostInfo> hosts) {
        List<String> addresses = new ArrayList<>();
        hosts.forEach(host -> addresses.add(host.host() + ":" + host.port()));
        return addresses;
    }
}
