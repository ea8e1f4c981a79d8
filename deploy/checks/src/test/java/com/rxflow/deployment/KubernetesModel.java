package com.rxflow.deployment;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Parses manifests into fabric8's Kubernetes model. The model is lenient (a misspelt field lands in
 * a catch-all map instead of failing), so {@link #unknownFields} walks the parsed object and
 * reports every field the Kubernetes API would not know.
 */
final class KubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubernetesModel() {
    }

    /** The typed resource; fails for a kind the model does not know (a typo in kind or apiVersion). */
    static HasMetadata parse(Map<String, Object> manifest) {
        Object parsed = SERIALIZATION.unmarshal(Yamls.dump(manifest));
        if (!(parsed instanceof HasMetadata resource) || parsed instanceof GenericKubernetesResource) {
            throw new IllegalStateException(manifest.get("kind") + "/" + Yamls.stringAt(manifest, "metadata", "name")
                    + " (" + manifest.get("apiVersion") + ") is not a kind the Kubernetes model knows");
        }
        return resource;
    }

    /** Paths of the fields the model did not recognise, e.g. {@code spec.template.spec.containers[0].readinesProbe}. */
    static List<String> unknownFields(KubernetesResource resource) {
        List<String> unknown = new ArrayList<>();
        walk(resource, "", unknown);
        return unknown;
    }

    private static void walk(Object value, String path, List<String> unknown) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "[" + k + "]", unknown));
            return;
        }
        if (!(value instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!isModelGetter(getter)) {
                continue;
            }
            Object child = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) child).keySet().forEach(k -> unknown.add(path.isEmpty() ? k.toString() : path + "." + k));
            } else {
                walk(child, (path.isEmpty() ? "" : path + ".") + property(getter), unknown);
            }
        }
    }

    private static boolean isModelGetter(Method method) {
        return method.getParameterCount() == 0
                && !Modifier.isStatic(method.getModifiers())
                && method.getName().startsWith("get")
                && method.getDeclaringClass().getName().startsWith("io.fabric8.kubernetes.api.model");
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
