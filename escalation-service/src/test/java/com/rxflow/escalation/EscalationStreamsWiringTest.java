package com.rxflow.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

import com.rxflow.escalation.audit.AuditChainTopology;
import com.rxflow.escalation.audit.AuditStores;
import com.rxflow.escalation.stream.EscalationCaseStore;
import com.rxflow.escalation.stream.EscalationTopology;

/**
 * The topology Spring builds, read from the factory bean without a broker: the stream is not
 * started and no topic is created, so this only proves the wiring.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.config.name=escalation-service",
        "spring.kafka.streams.auto-startup=false",
        "spring.kafka.listener.auto-startup=false",
        "spring.kafka.admin.auto-create=false",
        "rxflow.streams.state-dir=target/streams-state/wiring-test",
        "rxflow.service-key=" + EscalationServiceTest.SERVICE_KEY,
        "rxflow.escalation.peers.allow-plain-http=true"})
class EscalationStreamsWiringTest {

    private final StreamsBuilderFactoryBean factoryBean;

    @Autowired
    EscalationStreamsWiringTest(StreamsBuilderFactoryBean factoryBean) {
        this.factoryBean = factoryBean;
    }

    @Test
    void springBuildsTheEscalationTopologyWithItsNamedNodesAndStore() {
        TopologyDescription description = factoryBean.getTopology().describe();

        TopologyDescription.Subtopology cases = subtopologyWith(description, EscalationTopology.CASES_NODE);
        assertThat(cases.nodes()).extracting(TopologyDescription.Node::name).containsExactlyInAnyOrder(
                EscalationTopology.COMMANDS_SOURCE, EscalationTopology.ACTIONS_SOURCE,
                EscalationTopology.CASES_NODE, EscalationTopology.EVENTS_SINK, EscalationTopology.DEAD_LETTERS_SINK);
        assertThat(processor(cases).stores()).containsExactlyInAnyOrder(EscalationCaseStore.NAME,
                EscalationCaseStore.TIMERS);
        assertThat(description.toString())
                .contains("(topics: [rxflow.escalation-commands])")
                .contains("(topics: [rxflow.pharmacist-actions])")
                .contains("(topic: rxflow.escalation-events)");
    }

    @Test
    void springBuildsTheAuditChainAsASubtopologyOfItsOwn() {
        TopologyDescription description = factoryBean.getTopology().describe();

        assertThat(description.subtopologies()).hasSize(2);
        TopologyDescription.Subtopology audit = subtopologyWith(description, AuditChainTopology.CHAIN_NODE);
        assertThat(audit.nodes()).extracting(TopologyDescription.Node::name).containsExactlyInAnyOrder(
                AuditChainTopology.SOURCE, AuditChainTopology.CHAIN_NODE, AuditChainTopology.SINK);
        assertThat(processor(audit).stores()).containsExactlyInAnyOrder(AuditStores.HEADS, AuditStores.BY_PATIENT);
        assertThat(description.toString()).contains("(topics: [rxflow.audit-access])")
                .contains("(topic: rxflow.audit-log)");
    }

    private static TopologyDescription.Subtopology subtopologyWith(TopologyDescription description, String node) {
        return description.subtopologies().stream()
                .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(node))).findFirst().orElseThrow();
    }

    private static TopologyDescription.Processor processor(TopologyDescription.Subtopology subtopology) {
        return subtopology.nodes().stream().filter(TopologyDescription.Processor.class::isInstance)
                .map(TopologyDescription.Processor.class::cast).findFirst().orElseThrow();
    }

    @Test
    void theStreamRunsExactlyOnceWithAShortCommitInterval() {
        Properties config = factoryBean.getStreamsConfiguration();

        assertThat(config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("rxflow-escalation-service");
        assertThat(config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(config.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("10");
        assertThat(config.getProperty(StreamsConfig.STATE_DIR_CONFIG))
                .endsWith("target/streams-state/wiring-test/escalation-service");
    }
}
