package com.rxflow.deployment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every deployment RxFlow ships (docker-compose and each Kubernetes overlay), with its services,
 * each loaded when a test first asks for it: a Kubernetes overlay is rendered by kubectl, so where
 * kubectl is missing only the tests that look at an overlay are skipped, the compose ones still run.
 */
final class Deployments {

    private static final String KUBERNETES = "k8s ";

    static final List<String> NAMES = Stream.concat(Stream.of(ComposeDeployment.NAME, ComposeDeployment.NAME_PHI),
            Manifests.OVERLAYS.stream().map(overlay -> KUBERNETES + overlay)).toList();

    private static final Map<String, List<DeployedService>> LOADED = new ConcurrentHashMap<>();

    private Deployments() {
    }

    /** The deployment's services (for an overlay, skips the calling test where kubectl is missing). */
    static List<DeployedService> services(String deployment) {
        List<DeployedService> services = LOADED.get(deployment);
        if (services == null) {
            services = List.copyOf(deployment.equals(ComposeDeployment.NAME) ? ComposeDeployment.services()
                    : deployment.equals(ComposeDeployment.NAME_PHI) ? ComposeDeployment.servicesWithPhi()
                    : KubernetesDeployment.services(overlay(deployment)));
            LOADED.putIfAbsent(deployment, services);
        }
        return services;
    }

    /** The overlay a Kubernetes deployment runs ({@code k8s prod}: prod). */
    static Manifests overlay(String deployment) {
        if (!deployment.startsWith(KUBERNETES)) {
            throw new IllegalArgumentException(deployment + " is not a Kubernetes deployment");
        }
        return Manifests.of(deployment.substring(KUBERNETES.length()));
    }

    /** Every service of every deployment, by name only: a test loads it with {@link Entry#load()}. */
    static List<Entry> entries() {
        return NAMES.stream().flatMap(d -> Stream.of(RxflowService.values()).map(s -> new Entry(d, s))).toList();
    }

    /** One service of one deployment, not loaded yet; named like the {@link DeployedService} it loads. */
    record Entry(String deployment, RxflowService service) {

        DeployedService load() {
            return services(deployment).stream().filter(d -> d.service() == service).findFirst().orElseThrow();
        }

        @Override
        public String toString() {
            return deployment + ": " + service;
        }
    }
}
