package com.rxflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a kustomization the way {@code kubectl kustomize} does, for the subset of kustomize RxFlow
 * uses: {@code resources} (files and other kustomizations), {@code patches} (strategic merge
 * patches from files), {@code namespace}, {@code replicas} and {@code images}. Any other field
 * fails, so the assembly the tests check is the one Kubernetes would get; {@code
 * KustomizeAgreementTest} compares it with real kustomize where kubectl is installed.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED = Set.of(
            "apiVersion", "kind", "resources", "patches", "namespace", "replicas", "images");

    /** Kinds without a namespace among those RxFlow could ship. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass",
            "CustomResourceDefinition", "PriorityClass");

    /** Kinds whose references to namespaces kustomize rewrites too; not supported here. */
    private static final Set<String> NAMESPACE_REFERENCING = Set.of(
            "RoleBinding", "ClusterRoleBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration");

    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

    private Kustomization() {
    }

    /** The resources the kustomization in {@code directory} produces. */
    static List<Map<String, Object>> build(Path directory) {
        Path file = directory.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no kustomization.yaml in " + directory);
        }
        Map<String, Object> kustomization = Yamls.load(file);
        kustomization.keySet().stream().filter(k -> !SUPPORTED.contains(k)).findFirst().ifPresent(k -> {
            throw new UnsupportedOperationException(file + ": kustomize field '" + k
                    + "' is not supported by the Java assembly (Kustomization); extend it or do without");
        });
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Yamls.listAt(kustomization, "resources")) {
            Path resource = directory.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(build(resource));
            } else {
                Yamls.loadAll(resource).forEach(r -> resources.add(Yamls.copy(r)));
            }
        }
        for (Object entry : Yamls.listAt(kustomization, "patches")) {
            applyPatches(resources, directory, Yamls.map(entry, file + " patches[]"));
        }
        String namespace = Yamls.stringAt(kustomization, "namespace");
        if (namespace != null) {
            resources.forEach(r -> setNamespace(r, namespace));
        }
        for (Object entry : Yamls.listAt(kustomization, "replicas")) {
            Map<String, Object> replicas = Yamls.map(entry, file + " replicas[]");
            setReplicas(resources, String.valueOf(replicas.get("name")), ((Number) replicas.get("count")).intValue());
        }
        for (Object entry : Yamls.listAt(kustomization, "images")) {
            Map<String, Object> image = Yamls.map(entry, file + " images[]");
            resources.forEach(r -> setImages(r, image));
        }
        return resources;
    }

    static String id(Map<String, Object> resource) {
        return resource.get("kind") + "/" + Yamls.stringAt(resource, "metadata", "name");
    }

    private static void applyPatches(List<Map<String, Object>> resources, Path directory, Map<String, Object> entry) {
        if (entry.containsKey("target") || !entry.containsKey("path")) {
            throw new UnsupportedOperationException(directory + ": only 'patches: - path: <strategic merge patch>' is "
                    + "supported by the Java assembly, not " + entry);
        }
        Path file = directory.resolve(String.valueOf(entry.get("path")));
        for (Map<String, Object> patch : Yamls.loadAll(file)) {
            Map<String, Object> target = resources.stream()
                    .filter(r -> Objects.equals(r.get("apiVersion"), patch.get("apiVersion")))
                    .filter(r -> id(r).equals(id(patch)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(file + ": no resource " + id(patch) + " to patch"));
            StrategicMerge.apply(target, patch, id(patch));
        }
    }

    private static void setNamespace(Map<String, Object> resource, String namespace) {
        String kind = String.valueOf(resource.get("kind"));
        if (NAMESPACE_REFERENCING.contains(kind)) {
            throw new UnsupportedOperationException(kind + " refers to namespaces; the Java assembly does not rewrite them");
        }
        if (kind.equals("Namespace")) {
            if (!namespace.equals(Yamls.stringAt(resource, "metadata", "name"))) {
                throw new UnsupportedOperationException("a Namespace other than the kustomization's namespace '"
                        + namespace + "': kustomize would rename it; not supported by the Java assembly");
            }
            return;
        }
        if (!CLUSTER_SCOPED.contains(kind)) {
            Yamls.map(resource.get("metadata"), id(resource) + " metadata").put("namespace", namespace);
        }
    }

    private static void setReplicas(List<Map<String, Object>> resources, String name, int count) {
        List<Map<String, Object>> targets = resources.stream()
                .filter(r -> SCALABLE.contains(String.valueOf(r.get("kind"))))
                .filter(r -> name.equals(Yamls.stringAt(r, "metadata", "name")))
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("replicas: no workload named " + name);
        }
        targets.forEach(r -> Yamls.map(r.get("spec"), id(r) + " spec").put("replicas", count));
    }

    private static void setImages(Map<String, Object> resource, Map<String, Object> image) {
        Object podSpec = Yamls.at(resource, "spec", "template", "spec");
        if (podSpec == null) {
            return;
        }
        for (String list : List.of("initContainers", "containers")) {
            for (Object container : Yamls.listAt(Yamls.map(podSpec, id(resource)), list)) {
                Map<String, Object> c = Yamls.map(container, id(resource) + " container");
                String current = String.valueOf(c.get("image"));
                String name = imageName(current);
                if (!name.equals(image.get("name"))) {
                    continue;
                }
                String newName = image.containsKey("newName") ? String.valueOf(image.get("newName")) : name;
                String tag = current.length() > name.length() ? current.substring(name.length()) : "";
                if (image.containsKey("digest")) {
                    tag = "@" + image.get("digest");
                } else if (image.containsKey("newTag")) {
                    tag = ":" + image.get("newTag");
                }
                c.put("image", newName + tag);
            }
        }
    }

    /** The image reference without its tag or digest (a registry port's colon is not a tag). */
    private static String imageName(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }
}
