package com.rxflow.schemas.topic;

import java.util.Set;

/**
 * A logical RxFlow topic: what it is called by default, what it carries, who writes it and which
 * RxFlow services read it (the broker's ACLs are generated from these two, see
 * {@code com.rxflow.platform.kafka.access.AccessControlLists}). The
 * physical name is chosen by configuration when the {@link TopicCatalogue} is built.
 *
 * @param id            stable logical id, the key used to override the physical name
 * @param defaultName   physical name unless configured otherwise
 * @param valueType     the Avro envelope every record's value is (a string for the schema store)
 * @param writer        the one service that writes it (channels may produce the ingress topic too)
 * @param readers       the RxFlow services that read it ({@code spring.application.name}); readers
 *                      outside RxFlow (analytics, pharmacy systems, auditors) are not listed
 * @param meetsInProcessor true when the topic is an input of the conversation processor and meets the
 *                      other inputs there, so it must share their partition count (co-partitioning)
 * @param retention     how long it keeps its records, as a class whose duration is configured
 */
public record TopicSpec<V>(
        String id, String defaultName, Class<V> valueType, String writer, Set<String> readers,
        boolean meetsInProcessor, TopicRetention retention) {

    public TopicSpec {
        readers = Set.copyOf(readers);
    }
}
