package com.rxflow.platform.kafka.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rxflow.schemas.topic.TopicCatalogue;

/**
 * The generated ACLs, judged by Kafka's own {@link StandardAuthorizer} (the one the secure embedded
 * broker runs) with {@code allow.everyone.if.no.acl.found=false}: no broker, no hand-written matcher.
 */
class AccessControlListsTest {

    private final TopicCatalogue catalogue = TopicCatalogue.defaults();
    private final StandardAuthorizer authorizer = new StandardAuthorizer();

    @BeforeEach
    void loadTheGeneratedAcls() {
        authorizer.configure(Map.of(StandardAuthorizer.ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG, "false"));
        authorizer.withPluginMetrics(new PluginMetricsImpl(new Metrics(), Map.of()));
        AccessControlLists.generate(catalogue, KafkaClients.ALL)
                .forEach(binding -> authorizer.addAcl(Uuid.randomUuid(), StandardAcl.fromAclBinding(binding)));
        authorizer.completeInitialLoad();
    }

    @Test
    void theGatewayMayWritePatientMessagesButNotToolResults() {
        assertThat(allowed("gateway", AclOperation.WRITE, topic(TopicCatalogue.PATIENT_MESSAGES))).isTrue();
        assertThat(allowed("gateway", AclOperation.WRITE, topic(TopicCatalogue.TOOL_RESULTS))).isFalse();
    }

    @Test
    void eachTopicIsWrittenOnlyByTheServiceTheCatalogueNamesAndAuditAccessesByEveryService() {
        for (var spec : TopicCatalogue.ALL) {
            for (KafkaClient client : KafkaClients.ALL) {
                boolean writer = spec.writer().equals(client.service())
                        || spec.writer().equals(TopicCatalogue.EVERY_SERVICE);
                assertThat(allowed(client.service(), AclOperation.WRITE, topic(spec)))
                        .as("%s writes %s", client.service(), spec.id()).isEqualTo(writer);
            }
        }
    }

    @Test
    void eachTopicIsReadOnlyByTheServicesTheCatalogueListsAsReaders() {
        for (var spec : TopicCatalogue.ALL) {
            for (KafkaClient client : KafkaClients.ALL) {
                assertThat(allowed(client.service(), AclOperation.READ, topic(spec)))
                        .as("%s reads %s", client.service(), spec.id())
                        .isEqualTo(spec.readers().contains(client.service()));
            }
        }
    }

    @Test
    void everyServiceReadsAndWritesThePatientKeysAndAnUnknownPrincipalNeither() {
        for (KafkaClient client : KafkaClients.ALL) {
            assertThat(allowed(client.service(), AclOperation.WRITE, topic("rxflow.patient-keys"))).isTrue();
            assertThat(allowed(client.service(), AclOperation.READ, topic("rxflow.patient-keys"))).isTrue();
        }
        assertThat(allowed("analytics", AclOperation.READ, topic("rxflow.patient-keys"))).isFalse();
    }

    @Test
    void thePatientKeysAreGrantedFromTheCatalogueUnderTheirPhysicalName() {
        TopicCatalogue renamed = new TopicCatalogue(Map.of("patient-keys", "pharmacy-a.patient-keys"),
                com.rxflow.schemas.serde.SerdeSettings.DEFAULT);

        for (KafkaClient client : KafkaClients.ALL) {
            assertThat(AccessControlLists.forClient(renamed, client))
                    .filteredOn(binding -> binding.pattern().name().equals("pharmacy-a.patient-keys"))
                    .extracting(binding -> binding.entry().operation())
                    .as("%s on the patient keys", client.service())
                    .containsExactlyInAnyOrder(AclOperation.WRITE, AclOperation.READ, AclOperation.CREATE);
            assertThat(AccessControlLists.forClient(renamed, client))
                    .noneSatisfy(binding -> assertThat(binding.pattern().name()).isEqualTo("rxflow.patient-keys"));
        }
    }

    @Test
    void theGatewayReadsRepliesButNoPatientsMessagesOrAuditTrail() {
        assertThat(allowed("gateway", AclOperation.READ, topic(TopicCatalogue.ASSISTANT_REPLIES))).isTrue();
        assertThat(allowed("gateway", AclOperation.READ, topic(TopicCatalogue.PATIENT_MESSAGES))).isFalse();
        assertThat(allowed("gateway", AclOperation.READ, topic(TopicCatalogue.AUDIT_LOG))).isFalse();
    }

    @Test
    void theProcessorMayWriteAndReadItsOwnChangelogsButNotTheEscalationServicesOnes() {
        String own = "rxflow-conversation-processor-conversations-changelog";
        String other = "rxflow-escalation-service-escalation-cases-changelog";
        for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.WRITE, AclOperation.READ)) {
            assertThat(allowed("conversation-processor", operation, topic(own))).as(operation.name()).isTrue();
            assertThat(allowed("conversation-processor", operation, topic(other))).as(operation.name()).isFalse();
        }
    }

    @Test
    void aStreamsApplicationUsesItsOwnGroupAndTransactionalIdsOnly() {
        assertThat(allowed("conversation-processor", AclOperation.READ, group("rxflow-conversation-processor"))).isTrue();
        assertThat(allowed("conversation-processor", AclOperation.READ, group("rxflow-escalation-service"))).isFalse();
        assertThat(allowed("conversation-processor", AclOperation.WRITE,
                transactionalId("rxflow-conversation-processor-5a1e4c2b-0"))).isTrue();
        assertThat(allowed("escalation-service", AclOperation.WRITE,
                transactionalId("rxflow-conversation-processor-5a1e4c2b-0"))).isFalse();
    }

    @Test
    void toolsServiceUsesItsGroupItsTransactionsAndItsRequestLog() {
        assertThat(allowed("tools-service", AclOperation.READ, group("tools-service"))).isTrue();
        assertThat(allowed("tools-service", AclOperation.WRITE, transactionalId("tools-service-local-3"))).isTrue();
        assertThat(allowed("tools-service", AclOperation.WRITE, topic("rxflow-tools-service-request-log"))).isTrue();
        assertThat(allowed("gateway", AclOperation.READ, topic("rxflow-tools-service-request-log"))).isFalse();
        assertThat(allowed("gateway", AclOperation.READ, group("tools-service"))).isFalse();
    }

    @Test
    void eachServiceWritesItsOwnDeadLettersOnly() {
        assertThat(allowed("gateway", AclOperation.WRITE, topic(catalogue.deadLetter("gateway").name()))).isTrue();
        assertThat(allowed("gateway", AclOperation.WRITE, topic(catalogue.deadLetter("tools-service").name()))).isFalse();
        assertThat(allowed("gateway", AclOperation.READ, topic(catalogue.deadLetter("gateway").name()))).isFalse();
    }

    @Test
    void renamedTopicsGetTheirAclsUnderTheirPhysicalName() {
        TopicCatalogue renamed = new TopicCatalogue(Map.of("patient-messages", "pharmacy-a.patient-messages"),
                com.rxflow.schemas.serde.SerdeSettings.DEFAULT);

        assertThat(AccessControlLists.forClient(renamed, KafkaClients.GATEWAY))
                .anySatisfy(binding -> assertThat(binding.pattern().name()).isEqualTo("pharmacy-a.patient-messages"))
                .noneSatisfy(binding -> assertThat(binding.pattern().name()).isEqualTo("rxflow.patient-messages"));
    }

    @Test
    void anUnknownPrincipalMayDoNothing() {
        assertThat(allowed("ANONYMOUS", AclOperation.READ, topic(TopicCatalogue.ASSISTANT_REPLIES))).isFalse();
        assertThat(allowed("ANONYMOUS", AclOperation.DESCRIBE, topic(TopicCatalogue.PATIENT_MESSAGES))).isFalse();
        assertThat(allowed("ANONYMOUS", AclOperation.WRITE, topic(TopicCatalogue.PATIENT_MESSAGES))).isFalse();
    }

    private ResourcePattern topic(com.rxflow.schemas.topic.TopicSpec<?> spec) {
        return topic(catalogue.name(spec));
    }

    private static ResourcePattern topic(String name) {
        return new ResourcePattern(ResourceType.TOPIC, name, PatternType.LITERAL);
    }

    private static ResourcePattern group(String name) {
        return new ResourcePattern(ResourceType.GROUP, name, PatternType.LITERAL);
    }

    private static ResourcePattern transactionalId(String name) {
        return new ResourcePattern(ResourceType.TRANSACTIONAL_ID, name, PatternType.LITERAL);
    }

    private boolean allowed(String user, AclOperation operation, ResourcePattern resource) {
        KafkaPrincipal principal = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, user);
        List<AuthorizationResult> results = authorizer.authorize(new Context(principal),
                List.of(new Action(operation, resource, 1, true, true)));
        return results.get(0) == AuthorizationResult.ALLOWED;
    }

    private record Context(KafkaPrincipal principal) implements AuthorizableRequestContext {
        @Override public String listenerName() { return "CLIENT"; }
        @Override public org.apache.kafka.common.security.auth.SecurityProtocol securityProtocol() {
            return org.apache.kafka.common.security.auth.SecurityProtocol.SASL_SSL;
        }
        @Override public InetAddress clientAddress() { return InetAddress.getLoopbackAddress(); }
        @Override public int requestType() { return 0; }
        @Override public int requestVersion() { return 0; }
        @Override public String clientId() { return "test"; }
        @Override public int correlationId() { return 0; }
    }
}
