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
 * One kustomization built and parsed: the raw manifests and their typed resources, with lookups
 * the checks share.
 *
 * @param name      what the tests call it ({@code base}, {@code dev}, {@code prod})
 * @param raw       the assembled manifests as maps
 * @param resources the same, parsed into the Kubernetes model
 */
record Manifests(String name, List<Map<String, Object>> raw, List<HasMetadata> resources) {

    static final List<String> OVERLAYS = List.of("dev", "prod");

    private static final Map<String, Manifests> BUILT = new ConcurrentHashMap<>();

    /** An overlay, built once per test run (the resources are not modified by the checks). */
    static Manifests overlay(String overlay) {
        return BUILT.computeIfAbsent(overlay,
                o -> build(o, Repository.kubernetes().resolve("overlays").resolve(o)));
    }

    static Manifests base() {
        return build("base", Repository.kubernetes().resolve("base"));
    }

    static Manifests build(String name, Path directory) {
        List<Map<String, Object>> raw = Kustomization.build(directory);
        return new Manifests(name, raw, raw.stream().map(KubernetesModel::parse).toList());
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
