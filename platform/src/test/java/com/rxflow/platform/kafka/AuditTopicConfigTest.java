package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditTopicConfigTest {

    @Test
    void theAuditTopicsAreDeletedByAgeAfterTheAuditRetentionAndNeverCompacted() {
        RxflowKafkaProperties.Topics layout = new RxflowKafkaProperties.Topics(3, (short) 1, 0, Map.of(),
                Duration.ofDays(2192), RxflowKafkaProperties.TopicCreation.ALL);

        Map<String, String> config = KafkaPlatformConfiguration.auditConfig(layout, Map.of("min.insync.replicas", "2"));

        assertThat(config).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", String.valueOf(Duration.ofDays(2192).toMillis()))
                .containsEntry("min.insync.replicas", "2");
    }
}
