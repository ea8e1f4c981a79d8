package com.rxflow.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import com.rxflow.schemas.topic.TopicCatalogue;

/** Which topics a service creates at start: all of the catalogue's, or (under ACLs) only those it uses. */
class TopicCreationTest {

    private final TopicCatalogue catalogue = TopicCatalogue.defaults();

    @Test
    void byDefaultAServiceCreatesEveryTopicOfTheCatalogueAndItsDeadLetters() {
        assertThat(created("gateway", RxflowKafkaProperties.TopicCreation.ALL)).hasSize(TopicCatalogue.ALL.size() + 1)
                .contains("rxflow.tool-results", "rxflow.gateway.dlt");
    }

    @Test
    void limitedToWhatItUsesTheGatewayCreatesItsInputItsOutputsTheSchemaStoreThePatientKeysAndItsDeadLetters() {
        assertThat(created("gateway", RxflowKafkaProperties.TopicCreation.USED)).containsExactlyInAnyOrder(
                "rxflow.patient-messages", "rxflow.assistant-replies", "rxflow.audit-access", "rxflow.schemas",
                "rxflow.patient-keys", "rxflow.gateway.dlt");
    }

    private List<String> created(String service, RxflowKafkaProperties.TopicCreation creation) {
        RxflowKafkaProperties.Topics layout = new RxflowKafkaProperties.Topics(3, (short) 1, 0, Map.of(),
                Duration.ofDays(1), new RxflowKafkaProperties.Retention(Duration.ofDays(7), Duration.ofDays(2192),
                        Duration.ofDays(2192), Duration.ofDays(30)), creation);
        return KafkaPlatformConfiguration.topics(catalogue, layout, service).stream().map(NewTopic::name).toList();
    }
}
