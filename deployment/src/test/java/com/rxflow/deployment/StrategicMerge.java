package com.rxflow.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The subset of Kubernetes' strategic merge patch that RxFlow's overlays use, with the semantics
 * kustomize gives it: mappings merge key by key (a null value removes the key), lists of
 * containers, env, volumes and volume mounts merge element by element on their merge key, and the
 * lists Kubernetes declares atomic are replaced. Anything else fails loudly, so the Java assembly
 * never silently disagrees with {@code kubectl kustomize}.
 */
final class StrategicMerge {

    /** Merge keys of the associative lists, as in the Kubernetes API ({@code x-kubernetes-patch-merge-key}). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "imagePullSecrets", "name",
            "topologySpreadConstraints", "topologyKey");

    /** Lists without a merge key: a patch replaces them whole. */
    private static final Set<String> ATOMIC_LISTS = Set.of(
            "volumeClaimTemplates", "accessModes", "metrics", "command", "args", "policyTypes");

    private StrategicMerge() {
    }

    /** Applies {@code patch} to {@code target} in place. */
    static void apply(Map<String, Object> target, Map<String, Object> patch, String where) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            String path = where + "." + key;
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException(path + ": patch directives are not supported by the Java assembly");
            }
            Object patchValue = entry.getValue();
            Object targetValue = target.get(key);
            if (patchValue == null) {
                target.remove(key);
            } else if (patchValue instanceof Map<?, ?> && targetValue instanceof Map<?, ?>) {
                apply(Yamls.map(targetValue, path), Yamls.map(patchValue, path), path);
            } else if (patchValue instanceof List<?> && targetValue instanceof List<?>) {
                target.put(key, mergeList(key, Yamls.list(targetValue, path), Yamls.list(patchValue, path), path));
            } else {
                target.put(key, Yamls.copy(patchValue));
            }
        }
    }

    private static List<Object> mergeList(String key, List<Object> target, List<Object> patch, String path) {
        String mergeKey = MERGE_KEYS.get(key);
        if (mergeKey == null) {
            if (ATOMIC_LISTS.contains(key)) {
                return Yamls.copy(patch);
            }
            throw new UnsupportedOperationException(path + ": the base and the patch both have this list and the "
                    + "Java assembly does not know how Kubernetes merges it; add its merge key to StrategicMerge");
        }
        List<Object> merged = new ArrayList<>(target);
        for (Object element : patch) {
            Map<String, Object> patchElement = Yamls.map(element, path + "[]");
            Object id = patchElement.get(mergeKey);
            if (id == null) {
                throw new IllegalStateException(path + ": a patched element has no " + mergeKey);
            }
            Map<String, Object> existing = merged.stream()
                    .map(e -> Yamls.map(e, path + "[]"))
                    .filter(e -> Objects.equals(e.get(mergeKey), id))
                    .findFirst().orElse(null);
            if (existing == null) {
                merged.add(Yamls.copy(patchElement));
            } else {
                apply(existing, patchElement, path + "[" + mergeKey + "=" + id + "]");
            }
        }
        return merged;
    }
}
