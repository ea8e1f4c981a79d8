package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java kustomize subset on small inputs: how it merges, what it rewrites, and that it refuses
 * what it does not implement rather than assembling something kustomize would not.
 */
class KustomizationTest {

    @TempDir
    Path dir;

    @Test
    void patchesMergeContainersAndEnvByNameAndReplaceAtomicLists() throws IOException {
        write("base/kustomization.yaml", "resources: [app.yaml]\n");
        write("base/app.yaml", """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: rxflow/app:1
                          env: [{name: A, value: "1"}, {name: B, value: "2"}]
                        - name: sidecar
                          image: other/sidecar:2
                  volumeClaimTemplates:
                    - metadata: {name: state}
                      spec: {resources: {requests: {storage: 1Gi}}}
                """);
        write("overlay/kustomization.yaml", """
                namespace: team
                resources: [../base]
                patches: [{path: patch.yaml}]
                replicas: [{name: app, count: 3}]
                images: [{name: rxflow/app, newName: "registry.local:5000/rxflow/app", newTag: "2"}]
                """);
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: app}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env: [{name: B, value: "3"}, {name: C, value: "4"}]
                  volumeClaimTemplates:
                    - metadata: {name: state}
                      spec: {resources: {requests: {storage: 5Gi}}}
                """);

        Map<String, Object> app = Kustomization.build(dir.resolve("overlay")).get(0);

        assertThat(Yamls.stringAt(app, "metadata", "namespace")).isEqualTo("team");
        assertThat(Yamls.at(app, "spec", "replicas")).isEqualTo(3);
        List<Object> containers = Yamls.listAt(app, "spec", "template", "spec", "containers");
        Map<String, Object> main = Yamls.map(containers.get(0), "app");
        assertThat(main.get("image")).isEqualTo("registry.local:5000/rxflow/app:2");
        assertThat(Yamls.listAt(main, "env")).containsExactly(
                Map.of("name", "A", "value", "1"), Map.of("name", "B", "value", "3"), Map.of("name", "C", "value", "4"));
        assertThat(Yamls.map(containers.get(1), "sidecar").get("image")).isEqualTo("other/sidecar:2");
        assertThat(Yamls.listAt(app, "spec", "volumeClaimTemplates")).hasSize(1);
        assertThat(Yamls.stringAt(Yamls.map(Yamls.listAt(app, "spec", "volumeClaimTemplates").get(0), "claim"),
                "spec", "resources", "requests", "storage")).isEqualTo("5Gi");
    }

    @Test
    void aNullInAPatchRemovesTheKey() throws IOException {
        write("kustomization.yaml", "resources: [map.yaml]\npatches: [{path: patch.yaml}]\n");
        write("map.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata: {A: a, B: b}\n");
        write("patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata: {A: null}\n");

        assertThat(Yamls.mapAt(Kustomization.build(dir).get(0), "data")).containsExactly(Map.entry("B", "b"));
    }

    @Test
    void refusesWhatItDoesNotImplement() throws IOException {
        write("kustomization.yaml", "resources: [map.yaml]\ncommonLabels: {a: b}\n");
        write("map.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n");
        assertThatThrownBy(() -> Kustomization.build(dir)).hasMessageContaining("commonLabels");

        write("kustomization.yaml", "resources: [pod.yaml]\npatches: [{path: patch.yaml}]\n");
        write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {tolerations: [{key: a}]}\n");
        write("patch.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {tolerations: [{key: b}]}\n");
        assertThatThrownBy(() -> Kustomization.build(dir)).hasMessageContaining("tolerations");
    }

    @Test
    void aPatchWithoutATargetFails() throws IOException {
        write("kustomization.yaml", "resources: [map.yaml]\npatches: [{path: patch.yaml}]\n");
        write("map.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\n");
        write("patch.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {A: a}\n");
        assertThatThrownBy(() -> Kustomization.build(dir)).hasMessageContaining("ConfigMap/other");
    }

    private void write(String file, String text) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
