package com.rxflow.platform.kafka.access;

import java.util.Objects;
import java.util.Set;

/**
 * What one RxFlow service is on Kafka besides the topics the catalogue gives it: its principal, its
 * consumer groups, the transactional ids of its exactly-once producers and the prefix of the topics
 * it keeps for itself (Kafka Streams' changelogs, tools-service's request log).
 *
 * @param service                 the service, as the catalogue and {@code spring.application.name} call it;
 *                                also the name of its Kafka principal ({@code User:<service>})
 * @param groups                  consumer group ids it uses as they are
 * @param groupPrefixes           prefixes of the group ids it makes up at run time (one per instance)
 * @param transactionalIdPrefixes prefixes of its producers' {@code transactional.id}s
 * @param internalTopicPrefix     the prefix of the topics only it reads and writes
 */
public record KafkaClient(String service, Set<String> groups, Set<String> groupPrefixes,
        Set<String> transactionalIdPrefixes, String internalTopicPrefix) {

    public KafkaClient {
        Objects.requireNonNull(service, "service");
        groups = Set.copyOf(groups);
        groupPrefixes = Set.copyOf(groupPrefixes);
        transactionalIdPrefixes = Set.copyOf(transactionalIdPrefixes);
        Objects.requireNonNull(internalTopicPrefix, "internalTopicPrefix");
    }

    /**
     * A Kafka Streams application: its consumer group is its {@code application.id}, its internal
     * topics and (under exactly-once) its transactional ids start with {@code application.id-}.
     */
    public static KafkaClient streams(String service, String applicationId, Set<String> moreGroupPrefixes) {
        return new KafkaClient(service, Set.of(applicationId), moreGroupPrefixes, Set.of(applicationId + "-"),
                applicationId + "-");
    }

    /** @return the principal the service authenticates as */
    public String principal() {
        return "User:" + service;
    }
}
