package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import com.rxflow.escalation.EscalationProperties;
import com.rxflow.gateway.GatewayProperties;
import com.rxflow.platform.kafka.KafkaSecurityRule;
import com.rxflow.platform.kafka.RxflowKafkaProperties;
import com.rxflow.schemas.serde.SerdeSettings;
import com.rxflow.schemas.topic.TopicCatalogue;
import com.rxflow.schemas.topic.TopicSpec;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

/**
 * The deployments (docker-compose and both Kubernetes overlays, as {@code kubectl kustomize} renders
 * them; their cases are skipped where kubectl is missing) agree with the services' own
 * configuration. Each service's settings are resolved by Spring from its own yml files and the
 * container's environment variables, so a renamed property, a moved port, a new probe path or a
 * typo in a variable name fails here rather than in a pharmacy's cluster.
 */
class ConfigurationConsistencyTest {

    static List<Deployments.Entry> deployedServices() {
        return Deployments.entries();
    }

    static List<Deployments.Entry> streamsServices() {
        return Deployments.entries().stream().filter(e -> e.service().streams()).toList();
    }

    static List<String> deployments() {
        return Deployments.NAMES;
    }

    static List<String> overlays() {
        return Manifests.OVERLAYS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void everyEnvironmentVariableIsASettingTheServiceReads(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        assertThat(deployed.configuration().unknownVariables())
                .as("%s sets variables that bind to no property the service reads (misspelt, not in Spring's "
                        + "documented form, or a property that does not exist)", deployed)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void trafficGoesToTheServicesOwnPort(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        int port = deployed.configuration().serverPort();
        assertThat(deployed.containerPort()).as("%s: the port the deployment declares", deployed).isEqualTo(port);
        assertThat(deployed.routedPorts()).as("%s: ports routed to the container", deployed)
                .allSatisfy(routed -> assertThat(routed).isEqualTo(port));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void healthChecksAskActuatorsProbeGroups(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        ServiceEnvironment configuration = deployed.configuration();
        assertThat(configuration.property("management.endpoint.health.probes.enabled"))
                .as("%s: Actuator's liveness and readiness groups are enabled", deployed).isEqualTo("true");
        assertThat(configuration.exposedEndpoints()).as("%s: exposed endpoints", deployed).contains("health");
        assertThat(configuration.property("management.endpoint.health.group.readiness.include"))
                .as("%s: readiness includes the service's Kafka consumers or streams", deployed).isNotBlank();
        assertThat(deployed.checks()).as("%s: health checks", deployed).isNotEmpty();
        for (DeployedService.HttpCheck check : deployed.checks()) {
            String group = check.name().startsWith("readiness") || check.name().startsWith("image") ? "readiness" : "liveness";
            assertThat(check.path()).as("%s: %s", deployed, check.name())
                    .isEqualTo(configuration.actuatorPath("health", group));
            assertThat(check.port()).as("%s: %s port", deployed, check.name()).isEqualTo(configuration.managementPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void instanceIdIsTheInstancesStableName(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        assertThat(deployed.configuration().property("rxflow.instance-id"))
                .as("%s: rxflow.instance-id (Kafka Streams static membership, transactional ids)", deployed)
                .isEqualTo(deployed.instanceName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void neverRunsTheLocalProfile(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        List<String> profiles = deployed.configuration().activeProfiles();
        assertThat(profiles).as("%s: the local profile accepts the documented development key", deployed)
                .isNotEmpty().doesNotContain("local");
        String expected = deployed.deployment().equals("k8s dev") ? "dev" : "prod";
        assertThat(profiles).as("%s: profiles", deployed).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamsServices")
    void streamsStateLivesOnAWritableVolume(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        String stateDir = deployed.configuration().property("rxflow.streams.state-dir");
        assertThat(deployed.mounts()).as("%s: rxflow.streams.state-dir %s is mounted", deployed, stateDir)
                .containsKey(stateDir);
        String kind = deployed.mounts().get(stateDir);
        if (deployed.service() == RxflowService.CONVERSATION_PROCESSOR) {
            assertThat(kind).as("%s: the conversations store survives a restart", deployed).isIn("volume", "pvc");
        } else {
            assertThat(kind).as("%s: the state mount", deployed).isIn("volume", "pvc", "emptyDir");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamsServices")
    void streamsKeepStandbysOnlyWhereThereIsAnotherInstance(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        Map<String, String> streams = deployed.configuration().kafka().getStreams().getProperties();
        int standbys = Integer.parseInt(streams.getOrDefault("num.standby.replicas", "0"));
        int instances = instances(deployed);
        assertThat(standbys).as("%s: num.standby.replicas with %d instance(s)", deployed, instances)
                .isLessThan(Math.max(instances, 1));
        if (deployed.deployment().equals("k8s prod")) {
            assertThat(standbys).as("%s: a standby copy of every store", deployed).isGreaterThanOrEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void interactiveQueriesRouteToTheInstanceThatOwnsTheConversation(String deployment) {
        DeployedService processor = find(Deployments.services(deployment), RxflowService.CONVERSATION_PROCESSOR);
        ServiceEnvironment configuration = processor.configuration();
        assertThat(processor.stableAddress()).as("%s: a stable address per instance", processor).isPresent();
        assertThat(configuration.property("spring.kafka.streams.properties.application.server"))
                .as("%s: application.server is where peers reach this instance", processor)
                .isEqualTo(processor.stableAddress().get() + ":" + configuration.serverPort());
    }

    @Test
    void composeGatewayReachesTheProcessor() {
        List<DeployedService> services = Deployments.services(ComposeDeployment.NAME);
        URI processorUrl = gatewayProperties(find(services, RxflowService.GATEWAY)).processorUrl();
        DeployedService processor = find(services, RxflowService.CONVERSATION_PROCESSOR);
        assertThat(processorUrl.getHost()).isEqualTo(processor.stableAddress().orElseThrow());
        assertThat(processorUrl.getPort()).isEqualTo(processor.configuration().serverPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kubernetesGatewayReachesTheProcessorThroughItsService(String overlay) {
        Manifests manifests = Manifests.of(overlay);
        List<DeployedService> services = KubernetesDeployment.services(manifests);
        URI processorUrl = gatewayProperties(find(services, RxflowService.GATEWAY)).processorUrl();
        Service service = manifests.service(processorUrl.getHost());
        Manifests.Workload processor = manifests.workload(RxflowService.CONVERSATION_PROCESSOR.serviceName());
        assertThat(KubernetesDeployment.selecting(manifests, processor)).as("%s: %s selects the processor", overlay,
                processorUrl.getHost()).contains(service);
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort)
                .as("%s: the port of %s", overlay, processorUrl).contains(processorUrl.getPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void prometheusScrapesActuatorsPrometheusEndpoint(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        ServiceEnvironment configuration = deployed.configuration();
        assertThat(deployed.scrape()).as("%s: a scrape target", deployed).isPresent();
        DeployedService.ScrapeTarget target = deployed.scrape().get();
        assertThat(target.port()).as("%s: scrape port", deployed).isEqualTo(configuration.managementPort());
        assertThat(target.path()).as("%s: scrape path", deployed).isEqualTo(configuration.actuatorPath("prometheus"));
        if (!target.host().equals("pod")) {
            assertThat(target.host()).as("%s: scrape host", deployed).isEqualTo(deployed.stableAddress().orElseThrow());
        }
    }

    /**
     * The deployments scrape {@code /actuator/prometheus}, which the services expose from issue 8's
     * metrics work on. Until one does, this check is skipped (and says so); from then on every service
     * must, since every one is scraped.
     */
    @Test
    void everyServiceExposesThePrometheusEndpointTheDeploymentsScrape() {
        List<String> missing = new ArrayList<>();
        for (DeployedService deployed : Deployments.services(ComposeDeployment.NAME)) {
            if (!deployed.configuration().exposedEndpoints().contains("prometheus")) {
                missing.add(deployed.service().serviceName());
            }
        }
        assumeTrue(missing.size() < RxflowService.values().length, "no service exposes /actuator/prometheus yet "
                + "(micrometer-registry-prometheus, and 'prometheus' in management.endpoints.web.exposure.include); "
                + "the deployments already scrape it");
        assertThat(missing).as("services the deployments scrape but that do not expose /actuator/prometheus").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void servicesOfADeploymentShareOneTopicLayout(String deployment) {
        List<DeployedService> services = Deployments.services(deployment);
        RxflowKafkaProperties.Topics layout = services.get(0).configuration().rxflowKafka().topics();
        for (DeployedService deployed : services) {
            ServiceEnvironment configuration = deployed.configuration();
            RxflowKafkaProperties.Topics topics = configuration.rxflowKafka().topics();
            assertThat(topics).as("%s: topic layout (co-partitioned topics need one partition count)", deployed)
                    .isEqualTo(layout);
            // the physical names are valid logical ids (the catalogue refuses unknown ones)
            new TopicCatalogue(topics.names(), SerdeSettings.DEFAULT);
            assertThat(configuration.kafka().getBootstrapServers()).as("%s: bootstrap servers", deployed)
                    .isEqualTo(services.get(0).configuration().kafka().getBootstrapServers())
                    .noneMatch(server -> server.startsWith("localhost"));
            if (deployed.service().streams()) {
                KafkaProperties.Streams streams = configuration.kafka().getStreams();
                assertThat(streams.getReplicationFactor()).as("%s: internal topics' replication", deployed)
                        .isEqualTo((int) topics.replicationFactor());
                assertThat(streams.getProperties().get("topic.min.insync.replicas"))
                        .as("%s: internal topics' min.insync.replicas", deployed)
                        .isEqualTo(String.valueOf(topics.minInsyncReplicas()));
            }
        }
        assertThat(layout.minInsyncReplicas()).as("%s: min.insync.replicas", deployment)
                .isBetween(1, (int) layout.replicationFactor());
        if (!deployment.equals("k8s dev")) {
            assertThat(layout.replicationFactor()).as("%s: replication factor", deployment).isEqualTo((short) 3);
            assertThat(layout.minInsyncReplicas()).as("%s: min.insync.replicas", deployment).isEqualTo(2);
        }
    }

    @Test
    void composeCreatesExactlyTheTopicsTheServicesUse() {
        List<DeployedService> services = Deployments.services(ComposeDeployment.NAME);
        RxflowKafkaProperties.Topics layout = services.get(0).configuration().rxflowKafka().topics();
        TopicCatalogue catalogue = new TopicCatalogue(layout.names(), SerdeSettings.DEFAULT);
        List<String> expected = new ArrayList<>();
        for (TopicSpec<?> spec : TopicCatalogue.ALL) {
            expected.add(catalogue.name(spec));
        }
        for (DeployedService deployed : services) {
            expected.add(catalogue.deadLetter(deployed.configuration().property("spring.application.name")).name());
        }
        ComposeFile.Service creator = ComposeDeployment.compose().service("kafka-topics");
        assertThat(creator.command()).as("topics kafka-topics creates").containsExactlyInAnyOrderElementsOf(expected);

        Map<String, String> environment = creator.environment();
        assertThat(Integer.parseInt(environment.get("RXFLOW_KAFKA_TOPICS_PARTITIONS"))).isEqualTo(layout.partitions());
        assertThat(Short.parseShort(environment.get("RXFLOW_KAFKA_TOPICS_REPLICATIONFACTOR")))
                .isEqualTo(layout.replicationFactor());
        assertThat(Integer.parseInt(environment.get("RXFLOW_KAFKA_TOPICS_MININSYNCREPLICAS")))
                .isEqualTo(layout.minInsyncReplicas());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployedServices")
    void signsInToKafkaOverTlsAsItsOwnPrincipalWithEveryClient(Deployments.Entry entry) {
        DeployedService deployed = entry.load();
        KafkaProperties kafka = deployed.configuration().kafka();
        assertThat(new KafkaSecurityRule(kafka).check()).as("%s: the prod rule on Kafka's security", deployed).isEmpty();
        KafkaLogin.of(kafka).values().forEach(login -> {
            assertThat(login.protocol()).as("%s %s", deployed, login.client()).isEqualTo("SASL_SSL");
            assertThat(login.mechanism()).as("%s %s", deployed, login.client()).isEqualTo("SCRAM-SHA-512");
            assertThat(login.trustStore()).as("%s %s: trusts the cluster's authority", deployed, login.client())
                    .isNotEqualTo("null");
            assertThat(login.user()).as("%s %s: its SCRAM user", deployed, login.client())
                    .contains(deployed.service().serviceName());
            assertThat(login.password()).as("%s %s: its password", deployed, login.client()).get().asString().isNotBlank();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void noTwoServicesShareAKafkaSecret(String deployment) {
        Map<String, String> passwords = new java.util.LinkedHashMap<>();
        for (DeployedService deployed : Deployments.services(deployment)) {
            KafkaLogin.of(deployed.configuration().kafka()).get("producer").password()
                    .ifPresent(password -> passwords.put(deployed.service().serviceName(), password));
        }
        assertThat(passwords).as("%s: services with a Kafka password", deployment)
                .hasSize(RxflowService.values().length);
        assertThat(java.util.Set.copyOf(passwords.values())).as("%s: one secret per service, not shared: %s", deployment,
                passwords).hasSize(passwords.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void gatewayHasValidChannelClients(String deployment) {
        GatewayProperties gateway = gatewayProperties(find(Deployments.services(deployment), RxflowService.GATEWAY));
        assertThat(gateway.clients()).as("%s: channel clients (validated as the gateway validates them)", deployment)
                .isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void escalationSlasAreValid(String deployment) {
        EscalationProperties escalation = find(Deployments.services(deployment), RxflowService.ESCALATION_SERVICE)
                .configuration().bind("rxflow.escalation", EscalationProperties.class);
        assertThat(Stream.of(escalation.sla().urgent(), escalation.sla().high(), escalation.sla().routine()))
                .as("%s: SLAs by priority", deployment).isSortedAccordingTo(Duration::compareTo);
    }

    private static GatewayProperties gatewayProperties(DeployedService gateway) {
        return gateway.configuration().bind("rxflow.gateway", GatewayProperties.class);
    }

    private static DeployedService find(List<DeployedService> services, RxflowService service) {
        return services.stream().filter(d -> d.service() == service).findFirst().orElseThrow();
    }

    /** How many instances of the service the deployment runs (compose: one; Kubernetes: the replicas). */
    private static int instances(DeployedService deployed) {
        if (deployed.deployment().startsWith(ComposeDeployment.NAME)) {
            return 1;
        }
        Integer replicas = Deployments.overlay(deployed.deployment()).workload(deployed.service().serviceName()).replicas();
        return replicas == null ? 1 : replicas;
    }
}
