package com.rxflow.load.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How many offsets each topic advanced during a phase: the records a turn writes, and under
 * exactly-once the transaction markers too (each takes an offset in every partition a transaction
 * touched). Divided by the turns answered, it says where the broker's work per turn goes.
 */
final class TopicTraffic {

    private final String bootstrap;
    private Map<TopicPartition, Long> start = Map.of();

    TopicTraffic(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    void start() {
        start = endOffsets();
    }

    /** Offsets per turn by topic, the floor's topics left out. */
    Map<String, Double> perTurn(long turns) {
        Map<TopicPartition, Long> end = endOffsets();
        Map<String, Double> perTopic = new TreeMap<>();
        end.forEach((partition, offset) -> perTopic.merge(partition.topic(),
                (double) (offset - start.getOrDefault(partition, 0L)), Double::sum));
        perTopic.replaceAll((topic, offsets) -> turns == 0 ? 0 : BenchResults.round(offsets / turns));
        perTopic.values().removeIf(v -> v == 0);
        return perTopic;
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> !t.startsWith("rxflow-floor-")).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> request.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResultInfo) e.getValue()).offset()));
        } catch (Exception e) {
            // a figure for the report, not a reason to fail the run
            return Map.of();
        }
    }
}
