package com.rxflow.escalation.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import com.rxflow.escalation.query.PartitionRoutes.Gathered;
import com.rxflow.escalation.query.PartitionRoutes.Served;

/**
 * The scatter-gather over the store's partitions, without a broker: hosts as Kafka Streams would
 * describe them, and a reader that records who was asked for what.
 */
class PartitionRoutesTest {

    private static final String COMMANDS = "commands";
    private static final String ACTIONS = "actions";
    private static final Set<String> SOURCES = Set.of(COMMANDS, ACTIONS);
    private static final HostInfo B = new HostInfo("b", 8081);
    private static final HostInfo C = new HostInfo("c", 8081);
    private static final HostInfo D = new HostInfo("d", 8081);

    private final List<String> asked = new ArrayList<>();

    @Test
    void eachPartitionIsReadFromItsOwnerWhenEveryOwnerAnswers() {
        PartitionRoutes routes = PartitionRoutes.of(List.of(host(B, Set.of(0, 2), Set.of(1)), host(C, Set.of(1), Set.of(0, 2))),
                SOURCES);

        Gathered<String> gathered = routes.gather(reader(Set.of()), true);

        assertThat(routes.partitions()).containsExactly(0, 1, 2);
        assertThat(asked).containsExactly("b:[0, 2] fresh", "c:[1] fresh");
        assertThat(gathered.read()).containsOnlyKeys(0, 1, 2);
        assertThat(gathered.fromStandby()).isEmpty();
        assertThat(gathered.unread()).isEmpty();
    }

    @Test
    void aSilentOwnersPartitionsAreReadOnceFromTheirStandbyAndNamedSo() {
        PartitionRoutes routes = PartitionRoutes.of(List.of(host(B, Set.of(0, 2), Set.of(1)), host(C, Set.of(1), Set.of(0, 2))),
                SOURCES);

        Gathered<String> gathered = routes.gather(reader(Set.of(B)), true);

        assertThat(asked).containsExactly("b:[0, 2] fresh", "c:[1] fresh", "c:[0, 2] stale");
        assertThat(gathered.read().get(0)).isEqualTo(new Served<>(Replica.STANDBY, "c0"));
        assertThat(gathered.read().get(1)).isEqualTo(new Served<>(Replica.ACTIVE, "c1"));
        assertThat(gathered.fromStandby()).containsExactly(0, 2);
        assertThat(gathered.silent()).containsExactly(B);
        assertThat(gathered.unread()).isEmpty();
    }

    @Test
    void aPartitionWithoutAnAnsweringCopyIsUnreadAndNoStandbyIsAskedForActionsReads() {
        PartitionRoutes routes = PartitionRoutes.of(List.of(host(B, Set.of(0), Set.of()), host(C, Set.of(1), Set.of(0)),
                host(D, Set.of(), Set.of(1))), SOURCES);

        Gathered<String> ownersOnly = routes.gather(reader(Set.of(B)), false);
        asked.clear();
        Gathered<String> bothSilent = routes.gather(reader(Set.of(B, C)), true);

        assertThat(ownersOnly.unread()).containsExactly(0);
        assertThat(ownersOnly.fromStandby()).isEmpty();
        // C did not answer as the owner of 1: it is not asked again as the standby of 0
        assertThat(asked).containsExactly("b:[0] fresh", "c:[1] fresh", "d:[1] stale");
        assertThat(bothSilent.unread()).containsExactly(0);
        assertThat(bothSilent.fromStandby()).containsExactly(1);
    }

    @Test
    void partitionsOfTopicsTheStoreDoesNotReadAreNotItsPartitions() {
        StreamsMetadata withAudit = new Host(B, Set.of(new TopicPartition(COMMANDS, 0),
                new TopicPartition(ACTIONS, 0), new TopicPartition("audit", 5)), Set.of());

        assertThat(PartitionRoutes.of(List.of(withAudit), SOURCES).partitions()).containsExactly(0);
    }

    /** Answers for every partition asked, unless the host is silent; records each request. */
    private PartitionRoutes.Reader<String> reader(Set<HostInfo> silent) {
        return (host, partitions, stale) -> {
            asked.add(host.host() + ":" + partitions + (stale ? " stale" : " fresh"));
            if (silent.contains(host)) {
                return Optional.empty();
            }
            Map<Integer, Served<String>> read = new TreeMap<>();
            partitions.forEach(p -> read.put(p, new Served<>(stale ? Replica.STANDBY : Replica.ACTIVE, host.host() + p)));
            return Optional.of(read);
        };
    }

    private static StreamsMetadata host(HostInfo host, Set<Integer> active, Set<Integer> standby) {
        return new Host(host, partitions(active), partitions(standby));
    }

    private static Set<TopicPartition> partitions(Set<Integer> numbers) {
        Set<TopicPartition> partitions = new HashSet<>();
        numbers.forEach(n -> {
            partitions.add(new TopicPartition(COMMANDS, n));
            partitions.add(new TopicPartition(ACTIONS, n));
        });
        return partitions;
    }

    private record Host(HostInfo hostInfo, Set<TopicPartition> topicPartitions,
            Set<TopicPartition> standbyTopicPartitions) implements StreamsMetadata {

        @Override
        public Set<String> stateStoreNames() {
            return Set.of("escalation-cases");
        }

        @Override
        public Set<String> standbyStateStoreNames() {
            return standbyTopicPartitions.isEmpty() ? Set.of() : Set.of("escalation-cases");
        }

        @Override
        public String host() {
            return hostInfo.host();
        }

        @Override
        public int port() {
            return hostInfo.port();
        }
    }
}
