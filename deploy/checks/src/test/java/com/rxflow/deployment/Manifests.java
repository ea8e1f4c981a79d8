package com.rxflow.deployment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/**
 * One kustomization as real kustomize renders it ({@link Kustomize}) and parsed: the raw manifests
 * and their typed resources, with lookups the checks share.
 *
 * @param name      what the tests call it ({@code base}, {@code dev}, {@code prod})
 * @param raw       the rendered manifests as maps
 * @param resources the same, parsed into the Kubernetes model
 */
record Manifests(String name, List<Map<String, Object>> raw, List<HasMetadata> resources) {

    /** prod-phi: prod with the phi-encryption component (PHI encryption on). */
    static final List<String> OVERLAYS = List.of("dev", "prod", "prod-phi");

    /** The base and the overlays: every kustomization under deploy/k8s/. */
    static final List<String> KUSTOMIZATIONS = List.of("base", "dev", "prod", "prod-phi");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    /**
     * A kustomization by name, rendered once per test run (the checks do not modify the resources);
     * skips the calling test where kubectl is missing.
     */
    static Manifests of(String name) {
        Manifests manifests = RENDERED.get(name);
        if (manifests == null) {
            Path directory = name.equals("base") ? Repository.kubernetes().resolve("base")
                    : Repository.kubernetes().resolve("overlays").resolve(name);
            List<Map<String, Object>> raw = Kustomize.render(directory);
            manifests = new Manifests(name, raw, raw.stream().map(KubernetesModel::parse).toList());
            RENDERED.putIfAbsent(name, manifests);
        }
        return manifests;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String resourceName) {
        return all(type).stream().filter(r -> r.getMetadata().getName().equals(resourceName)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String resourceName) {
        return find(type, resourceName).orElseThrow(() -> new AssertionError(
                name + " has no " + type.getSimpleName() + " " + resourceName));
    }

    ConfigMap configMap(String configMapName) {
        return get(ConfigMap.class, configMapName);
    }

    Service service(String serviceName) {
        return get(Service.class, serviceName);
    }

    /** Deployments and StatefulSets alike. */
    List<Workload> workloads() {
        return Stream.concat(
                all(Deployment.class).stream().map(d -> new Workload(d, d.getSpec().getTemplate(),
                        d.getSpec().getSelector(), d.getSpec().getReplicas())),
                all(StatefulSet.class).stream().map(s -> new Workload(s, s.getSpec().getTemplate(),
                        s.getSpec().getSelector(), s.getSpec().getReplicas())))
                .toList();
    }

    Workload workload(String workloadName) {
        return workloads().stream().filter(w -> w.name().equals(workloadName)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no workload " + workloadName));
    }

    @Override
    public String toString() {
        return name;
    }

    String namespace() {
        return resources.stream().map(r -> r.getMetadata().getNamespace()).filter(ns -> ns != null)
                .findFirst().orElse("default");
    }

    /**
     * A Deployment or StatefulSet.
     *
     * @param replicas null where a HorizontalPodAutoscaler owns the count
     */
    record Workload(HasMetadata resource, PodTemplateSpec template, LabelSelector selector, Integer replicas) {

        String name() {
            return resource.getMetadata().getName();
        }

        String kind() {
            return resource.getKind();
        }

        Map<String, String> podLabels() {
            return template.getMetadata().getLabels();
        }

        /** The service's container: the one named like the workload. */
        Container container() {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals(name())).findFirst()
                    .orElseThrow(() -> new AssertionError(name() + " has no container named " + name()));
        }

        /** A container port by name (what probes and Services refer to). */
        int port(String portName) {
            return container().getPorts().stream().filter(p -> portName.equals(p.getName())).findFirst()
                    .orElseThrow(() -> new AssertionError(name() + " has no container port named " + portName))
                    .getContainerPort();
        }
    }
}
