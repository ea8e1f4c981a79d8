package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every Kubernetes manifest, rendered per kustomization by real kustomize ({@code kubectl
 * kustomize}; skipped where kubectl is missing), parses into the Kubernetes model with no unknown
 * field, and the rendered resources hold together: probes, sizes and hardening on every
 * container, selectors that select, the processor's StatefulSet with its state on volumes,
 * autoscaling only where it is safe, and a network that lets only the gateway and the console in
 * from outside.
 */
class KubernetesManifestsTest {

    static List<String> kustomizations() {
        return Manifests.KUSTOMIZATIONS;
    }

    static List<String> overlays() {
        return Manifests.OVERLAYS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyManifestParsesIntoTheKubernetesModel(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        assertThat(manifests.resources()).hasSameSizeAs(manifests.raw());
        for (HasMetadata resource : manifests.resources()) {
            assertThat(KubernetesModel.unknownFields(resource))
                    .as("%s %s: fields the Kubernetes API does not know", manifests.name(), resource.getKind() + "/" + resource.getMetadata().getName())
                    .isEmpty();
        }
        Set<String> ids = new HashSet<>();
        for (HasMetadata resource : manifests.resources()) {
            assertThat(ids.add(resource.getKind() + "/" + resource.getMetadata().getName()))
                    .as("%s: %s is defined once", manifests.name(), resource.getMetadata().getName()).isTrue();
        }
        assertThat(manifests.all(Secret.class)).as("no Secret (and no secret value) is committed").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void servicesRunAsTheKindOfWorkloadTheirStateNeeds(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        assertThat(manifests.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("gateway", "tools-service", "escalation-service");
        assertThat(manifests.all(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactly("conversation-processor");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyContainerIsProbedSizedAndHardened(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        int uid = Integer.parseInt(Dockerfile.read(Repository.dockerfile()).user().split(":")[0]);
        for (Manifests.Workload workload : manifests.workloads()) {
            String name = manifests.name() + " " + workload.name();
            Container container = workload.container();
            assertThat(container.getStartupProbe()).as("%s startup probe", name).isNotNull();
            assertThat(container.getLivenessProbe()).as("%s liveness probe", name).isNotNull();
            assertThat(container.getReadinessProbe()).as("%s readiness probe", name).isNotNull();

            ResourceRequirements resources = container.getResources();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = resources.getRequests().get(resource);
                Quantity limit = resources.getLimits().get(resource);
                assertThat(request).as("%s %s request", name, resource).isNotNull();
                assertThat(limit).as("%s %s limit", name, resource).isNotNull();
                assertThat(request.getNumericalAmount()).as("%s %s request <= limit", name, resource)
                        .isLessThanOrEqualTo(limit.getNumericalAmount());
            }
            assertThat(resources.getRequests().get("memory")).as("%s: memory request = limit (the heap is sized from it)", name)
                    .isEqualTo(resources.getLimits().get("memory"));

            PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
            assertThat(pod.getRunAsNonRoot()).as("%s runAsNonRoot", name).isTrue();
            assertThat(pod.getRunAsUser()).as("%s runs as the image's user", name).isEqualTo(uid);
            assertThat(pod.getFsGroup()).as("%s fsGroup (writable volumes)", name).isEqualTo(uid);
            SecurityContext security = container.getSecurityContext();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");

            assertThat(container.getImage()).as("%s image has a pinned tag", name).matches(".+/.+:[\\w.-]+")
                    .doesNotEndWith(":latest");
            assertThat(workload.template().getSpec().getTerminationGracePeriodSeconds())
                    .as("%s: time for Kafka clients to commit and leave", name).isGreaterThanOrEqualTo(30L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void selectorsSelectTheirPods(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        for (Manifests.Workload workload : manifests.workloads()) {
            assertThat(NetworkPolicies.matches(workload.selector(), workload.podLabels()))
                    .as("%s %s selects its own pods", manifests.name(), workload.name()).isTrue();
        }
        for (Service service : manifests.all(Service.class)) {
            assertThat(manifests.workloads().stream().filter(w -> KubernetesDeployment.selecting(manifests, w).contains(service)))
                    .as("%s: Service %s selects one workload", manifests.name(), service.getMetadata().getName()).hasSize(1);
        }
        List<String> budgeted = new ArrayList<>();
        for (PodDisruptionBudget budget : manifests.all(PodDisruptionBudget.class)) {
            List<Manifests.Workload> selected = manifests.workloads().stream()
                    .filter(w -> NetworkPolicies.matches(budget.getSpec().getSelector(), w.podLabels())).toList();
            assertThat(selected).as("%s: PodDisruptionBudget %s", manifests.name(), budget.getMetadata().getName()).hasSize(1);
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).as("one pod at a time").isEqualTo(1);
            budgeted.add(selected.get(0).name());
        }
        assertThat(budgeted).as("%s: every workload has a disruption budget", manifests.name())
                .containsExactlyInAnyOrderElementsOf(RxflowService.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void onlyTheStatelessServicesAutoscale(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        List<HorizontalPodAutoscaler> autoscalers = manifests.all(HorizontalPodAutoscaler.class);
        assertThat(autoscalers).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("gateway", "tools-service");
        for (HorizontalPodAutoscaler autoscaler : autoscalers) {
            String target = autoscaler.getSpec().getScaleTargetRef().getName();
            assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(manifests.workload(target).replicas())
                    .as("%s: %s leaves its replica count to the autoscaler", manifests.name(), target).isNull();
            assertThat(autoscaler.getSpec().getMinReplicas()).isPositive()
                    .isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
            assertThat(autoscaler.getSpec().getMetrics()).extracting(m -> m.getResource().getName()).containsExactly("cpu");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theProcessorKeepsItsStateOnPersistentVolumesBehindAHeadlessService(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        StatefulSet processor = manifests.get(StatefulSet.class, "conversation-processor");
        Service headless = manifests.service(processor.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).as("governing Service is headless").isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses())
                .as("peers find each other while they rebalance (not ready)").isTrue();
        assertThat(processor.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(processor.getSpec().getVolumeClaimTemplates()).hasSize(1);
        String claim = processor.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(processor.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getName()).isEqualTo(claim));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void secretsAreReferencedNeverCommittedAndDocumented(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        Set<String> required = new HashSet<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            for (EnvFromSource source : workload.container().getEnvFrom()) {
                if (source.getSecretRef() != null) {
                    String secret = source.getSecretRef().getName();
                    assertThat(KubernetesDeployment.secretExample(secret)).as("keys of Secret %s", secret).isRegularFile();
                    if (!Boolean.TRUE.equals(source.getSecretRef().getOptional())) {
                        required.add(workload.name() + ":" + secret);
                    }
                }
            }
        }
        assertThat(required).as("%s: Secrets a service cannot start without", manifests.name())
                .containsExactlyInAnyOrder("gateway:rxflow-gateway-clients",
                        "escalation-service:rxflow-escalation-access", "gateway:rxflow-service-key",
                        "conversation-processor:rxflow-service-key", "tools-service:rxflow-service-key",
                        "escalation-service:rxflow-service-key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void onlyTheGatewayAndTheConsoleAreReachableFromOutsideTheNamespace(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        String namespace = manifests.namespace();
        NetworkPolicies network = new NetworkPolicies(manifests.all(NetworkPolicy.class), namespace);
        NetworkPolicies.Peer prometheus = NetworkPolicies.Peer.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
        List<NetworkPolicies.Peer> outsiders = List.of(
                NetworkPolicies.Peer.pod("elsewhere", Map.of("app", "anything")),
                NetworkPolicies.Peer.pod("monitoring", Map.of("app.kubernetes.io/name", "grafana")),
                NetworkPolicies.Peer.pod("elsewhere", Map.of("app.kubernetes.io/name", "prometheus")));

        for (NetworkPolicies.Peer outsider : outsiders) {
            List<String> reachable = new ArrayList<>();
            for (Manifests.Workload workload : manifests.workloads()) {
                for (ContainerPort port : workload.container().getPorts()) {
                    if (network.allows(outsider, workload.podLabels(), port.getContainerPort(), port.getName())) {
                        reachable.add(workload.name() + ":" + port.getContainerPort());
                    }
                }
            }
            assertThat(reachable).as("%s: reachable from %s", manifests.name(), outsider)
                    .containsExactlyInAnyOrder("gateway:8080", "escalation-service:8081");
        }
        for (Manifests.Workload workload : manifests.workloads()) {
            int management = workload.port("management");
            assertThat(network.allows(prometheus, workload.podLabels(), management, "management"))
                    .as("%s: Prometheus scrapes %s:%d", manifests.name(), workload.name(), management).isTrue();
            int http = workload.port("http");
            assertThat(network.allows(NetworkPolicies.Peer.pod(namespace, Map.of("app", "anything")),
                    workload.podLabels(), management, "management"))
                    .as("%s: %s's Actuator port is Prometheus's only", manifests.name(), workload.name()).isFalse();
            assertThat(management).as("%s: Actuator's port is the service's + 1000", workload.name())
                    .isEqualTo(http + 1000);
        }

        Manifests.Workload processor = manifests.workload("conversation-processor");
        int processorPort = processor.port("http");
        Map<String, Boolean> callers = Map.of("gateway", true, "conversation-processor", true,
                "tools-service", false, "escalation-service", false);
        callers.forEach((caller, allowed) -> assertThat(network.allows(
                        NetworkPolicies.Peer.pod(namespace, manifests.workload(caller).podLabels()),
                        processor.podLabels(), processorPort, "http"))
                .as("%s: %s may call the processor", manifests.name(), caller).isEqualTo(allowed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void eachServiceHasAKafkaSecretOfItsOwnAndTheAccessJobGivesItsUserThatPassword(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        Job job = manifests.get(Job.class, "rxflow-kafka-access");
        Container access = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(access.getArgs()).as("the Job's command").startsWith("kafka-access", "apply");
        Map<String, SecretKeySelector> given = new HashMap<>();
        access.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .forEach(e -> given.put(e.getName(), e.getValueFrom().getSecretKeyRef()));
        Set<String> secrets = new HashSet<>();
        for (Manifests.Workload workload : manifests.workloads()) {
            String name = manifests.name() + " " + workload.name();
            SecretKeySelector password = workload.container().getEnv().stream()
                    .filter(e -> e.getName().equals("KAFKA_SASL_PASSWORD") && e.getValueFrom() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef()).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " reads no Kafka password from a Secret"));
            assertThat(password.getOptional()).as("%s: its Kafka Secret is required", name).isNotEqualTo(Boolean.TRUE);
            assertThat(secrets.add(password.getName())).as("%s: Secret %s is its own, not shared", name,
                    password.getName()).isTrue();
            assertThat(KubernetesDeployment.secretExample(password.getName())).as("keys of %s", password.getName())
                    .isRegularFile();
            String variable = "RXFLOW_KAFKA_PASSWORD_" + workload.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            assertThat(given.get(variable)).as("%s: the Job gives its user the password it signs in with", name)
                    .isEqualTo(password);
            assertThat(workload.template().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                    .as("%s: trusts the cluster's authority from the rxflow-kafka-truststore Secret", name)
                    .extracting(v -> v.getSecret().getSecretName()).contains("rxflow-kafka-truststore");
        }
        assertThat(given).as("the Job's passwords: the four services' and no other").hasSize(secrets.size());
        PodSecurityContext pod = job.getSpec().getTemplate().getSpec().getSecurityContext();
        assertThat(pod.getRunAsNonRoot()).as("the Job runs as non-root").isTrue();
        assertThat(access.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(access.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(access.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(access.getImage()).as("the Job's image has a pinned tag").matches(".+/.+:[\\w.-]+")
                .doesNotEndWith(":latest");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlaysRunInTheirOwnNamespace(String kustomization) {
        Manifests manifests = Manifests.of(kustomization);
        List<Namespace> namespaces = manifests.all(Namespace.class);
        assertThat(namespaces).hasSize(1);
        String namespace = namespaces.get(0).getMetadata().getName();
        // prod-phi is prod with PHI encryption: the same namespace
        assertThat(namespace).isEqualTo(manifests.name().startsWith("prod") ? "rxflow" : "rxflow-" + manifests.name());
        assertThat(manifests.resources()).filteredOn(r -> !(r instanceof Namespace))
                .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo(namespace));
    }

    @Test
    void devRunsOneSmallInstanceOfEachService() {
        Manifests dev = Manifests.of("dev");
        Manifests prod = Manifests.of("prod");
        for (Manifests.Workload workload : dev.workloads()) {
            assertThat(instances(dev, workload.name())).as("dev %s instances", workload.name()).isEqualTo(1);
            for (String resource : List.of("cpu", "memory")) {
                assertThat(workload.container().getResources().getRequests().get(resource).getNumericalAmount())
                        .as("dev %s %s request below prod's", workload.name(), resource)
                        .isLessThan(prod.workload(workload.name()).container().getResources().getRequests()
                                .get(resource).getNumericalAmount());
            }
            assertThat(workload.container().getImage()).endsWith(":local");
        }
        assertThat(dev.all(HorizontalPodAutoscaler.class)).allSatisfy(h ->
                assertThat(h.getSpec().getMaxReplicas()).as("dev never scales out").isEqualTo(1));
    }

    @Test
    void prodRunsSeveralInstancesSpreadOverNodes() {
        Manifests prod = Manifests.of("prod");
        assertThat(instances(prod, "conversation-processor")).isEqualTo(3);
        assertThat(instances(prod, "escalation-service")).isEqualTo(2);
        assertThat(instances(prod, "gateway")).isGreaterThanOrEqualTo(3);
        assertThat(instances(prod, "tools-service")).isGreaterThanOrEqualTo(3);
        for (Manifests.Workload workload : prod.workloads()) {
            assertThat(workload.template().getSpec().getTopologySpreadConstraints())
                    .as("prod %s spreads over nodes", workload.name())
                    .anySatisfy(c -> assertThat(c.getTopologyKey()).isEqualTo("kubernetes.io/hostname"));
            assertThat(workload.container().getImage()).as("prod %s comes from a registry", workload.name())
                    .matches("[\\w.-]+\\.[\\w.-]+(:\\d+)?/.+:[\\w.-]+");
        }
        StatefulSet processor = prod.get(StatefulSet.class, "conversation-processor");
        assertThat(processor.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"))
                .isEqualTo(new Quantity("20Gi"));
    }

    /** The instances a workload runs: its replicas, or its autoscaler's minimum. */
    private static int instances(Manifests manifests, String workload) {
        Integer replicas = manifests.workload(workload).replicas();
        if (replicas != null) {
            return replicas;
        }
        return manifests.all(HorizontalPodAutoscaler.class).stream()
                .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(workload))
                .mapToInt(h -> h.getSpec().getMinReplicas())
                .findFirst().orElse(1);
    }
}
