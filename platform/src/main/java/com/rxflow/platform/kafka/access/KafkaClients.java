package com.rxflow.platform.kafka.access;

import java.util.List;
import java.util.Set;

import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * RxFlow's four services as Kafka clients: the group ids, transactional ids and application ids
 * their configuration files give them ({@code spring.kafka.*} in {@code <service>.yml}, the
 * escalation console's {@code CaseFeed}). The launcher's test {@code KafkaClientsTest} checks these
 * against the services' resolved configuration, so a renamed group cannot silently lose its ACL.
 */
public final class KafkaClients {

    /** {@code spring.kafka.consumer.group-id: gateway-${random.uuid}}: every instance reads every reply. */
    public static final KafkaClient GATEWAY = new KafkaClient(TopicCatalogue.GATEWAY,
            Set.of(), Set.of("gateway-"), Set.of(), "rxflow-gateway-");
    public static final KafkaClient PROCESSOR = KafkaClient.streams(TopicCatalogue.PROCESSOR,
            "rxflow-conversation-processor", Set.of());
    /** One consumer group; each instance's transactional ids start with {@code tools-service-}. */
    public static final KafkaClient TOOLS = new KafkaClient(TopicCatalogue.TOOLS,
            Set.of("tools-service"), Set.of(), Set.of("tools-service-"), "rxflow-tools-service-");
    /** The Streams application, and the console's live feed ({@code escalation-console-<uuid>}). */
    public static final KafkaClient ESCALATION = KafkaClient.streams(TopicCatalogue.ESCALATION,
            "rxflow-escalation-service", Set.of("escalation-console-"));

    /** Every service that talks to Kafka, in the catalogue's order. */
    public static final List<KafkaClient> ALL = List.of(GATEWAY, PROCESSOR, TOOLS, ESCALATION);

    private KafkaClients() {
    }
}
