package com.rxflow.platform.kafka.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;

/**
 * The broker's ACLs, generated from the topic catalogue's writers and readers, so the single-writer
 * rule is enforced by the broker instead of kept by convention, and never written down twice.
 *
 * <p>Each service ({@link KafkaClient}) may:
 * <ul>
 *   <li>write (and create) the topics the catalogue names it the writer of, and those every service
 *       writes (audit-access, its own accesses; the schema store; the patient keys, which it makes and
 *       tombstones);</li>
 *   <li>read (and create) the topics the catalogue lists it as a reader of;</li>
 *   <li>write (and create) its own dead-letter topic;</li>
 *   <li>do anything with the topics under its internal prefix (Streams' changelogs and repartition
 *       topics, tools-service's request log), join its consumer groups, and use its transactional ids.</li>
 * </ul>
 * Nothing else: with {@code allow.everyone.if.no.acl.found=false}, a service cannot read another's
 * input, write another's output, join another's group or fence another's transactions. Every
 * binding is an ALLOW from any host; there are no DENY bindings to reason about.
 */
public final class AccessControlLists {

    private static final String ANY_HOST = "*";

    private AccessControlLists() {
    }

    /**
     * @param catalogue the topics' physical names
     * @param clients   the services
     * @return every binding, without duplicates, in a stable order
     */
    public static List<AclBinding> generate(TopicCatalogue catalogue, List<KafkaClient> clients) {
        Set<AclBinding> bindings = new LinkedHashSet<>();
        for (KafkaClient client : clients) {
            bindings.addAll(forClient(catalogue, client));
        }
        return List.copyOf(bindings);
    }

    /** The bindings of one service's principal. */
    public static List<AclBinding> forClient(TopicCatalogue catalogue, KafkaClient client) {
        List<AclBinding> bindings = new ArrayList<>();
        String principal = client.principal();
        for (TopicSpec<?> spec : TopicCatalogue.ALL) {
            ResourcePattern topic = literal(ResourceType.TOPIC, catalogue.name(spec));
            boolean writes = spec.writer().equals(client.service()) || spec.writer().equals(TopicCatalogue.EVERY_SERVICE);
            boolean reads = spec.readers().contains(client.service());
            if (writes) {
                bindings.add(allow(topic, principal, AclOperation.WRITE));
            }
            if (reads) {
                bindings.add(allow(topic, principal, AclOperation.READ));
            }
            if (writes || reads) {
                // a service creates the topics it uses when they are missing (rxflow.kafka.topics.create=used)
                bindings.add(allow(topic, principal, AclOperation.CREATE));
            }
        }
        ResourcePattern deadLetter = literal(ResourceType.TOPIC, catalogue.deadLetter(client.service()).name());
        bindings.add(allow(deadLetter, principal, AclOperation.WRITE));
        bindings.add(allow(deadLetter, principal, AclOperation.CREATE));
        bindings.add(allow(prefixed(ResourceType.TOPIC, client.internalTopicPrefix()), principal, AclOperation.ALL));
        for (String group : client.groups()) {
            bindings.add(allow(literal(ResourceType.GROUP, group), principal, AclOperation.READ));
        }
        for (String prefix : client.groupPrefixes()) {
            bindings.add(allow(prefixed(ResourceType.GROUP, prefix), principal, AclOperation.READ));
        }
        for (String prefix : client.transactionalIdPrefixes()) {
            ResourcePattern transactionalIds = prefixed(ResourceType.TRANSACTIONAL_ID, prefix);
            bindings.add(allow(transactionalIds, principal, AclOperation.WRITE));
            bindings.add(allow(transactionalIds, principal, AclOperation.DESCRIBE));
        }
        return bindings;
    }

    private static ResourcePattern literal(ResourceType type, String name) {
        return new ResourcePattern(type, name, PatternType.LITERAL);
    }

    private static ResourcePattern prefixed(ResourceType type, String prefix) {
        return new ResourcePattern(type, prefix, PatternType.PREFIXED);
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, ANY_HOST, operation, AclPermissionType.ALLOW));
    }
}
