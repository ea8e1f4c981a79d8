package com.rxflow.deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every deployment RxFlow ships (docker-compose and each Kubernetes overlay), with its services. */
final class Deployments {

    private static final Map<String, List<DeployedService>> ALL = load();

    private Deployments() {
    }

    static Map<String, List<DeployedService>> byName() {
        return ALL;
    }

    static List<DeployedService> services() {
        return ALL.values().stream().flatMap(List::stream).toList();
    }

    static DeployedService service(String deployment, RxflowService service) {
        return ALL.get(deployment).stream().filter(d -> d.service() == service).findFirst().orElseThrow();
    }

    private static Map<String, List<DeployedService>> load() {
        Map<String, List<DeployedService>> all = new LinkedHashMap<>();
        all.put(ComposeDeployment.NAME, ComposeDeployment.services());
        for (String overlay : Manifests.OVERLAYS) {
            List<DeployedService> services = new ArrayList<>(KubernetesDeployment.services(Manifests.overlay(overlay)));
            all.put(services.get(0).deployment(), List.copyOf(services));
        }
        return all;
    }
}
