package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.rxflow.platform.readiness.ProductionRule;

/** The Streams services' own production rule: the stores' changelogs are replicated like RxFlow's topics. */
class StreamsReplicationRuleTest {

    @Test
    void changelogsWithFewerThanThreeReplicasAreRefusedInProduction() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getStreams().setReplicationFactor(1);

        assertThat(new StreamsPlatformConfiguration().streamsReplicationRule(kafka).check())
                .extracting(ProductionRule.Violation::toString)
                .containsExactly("spring.kafka.streams.replication-factor: is 1; production needs at least 3 for the "
                        + "stores' changelogs");
    }

    @Test
    void threeReplicasPass() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.getStreams().setReplicationFactor(3);

        assertThat(new StreamsPlatformConfiguration().streamsReplicationRule(kafka).check()).isEmpty();
    }
}
