package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java assembly ({@link Kustomization}) produces exactly what real kustomize does, so the
 * other checks look at what {@code kubectl apply -k} would apply. Runs where {@code kubectl} is
 * installed and is skipped elsewhere: the other tests never need it.
 */
class KustomizeAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/dev", "overlays/prod"})
    void javaAssemblyEqualsKubectlKustomize(String kustomization) throws Exception {
        Path kubectl = kubectl().orElse(null);
        assumeTrue(kubectl != null, "kubectl is not installed; skipped");
        Path directory = Repository.kubernetes().resolve(kustomization);
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize finished").isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s", kustomization).isZero();

        List<Map<String, Object>> expected = sorted(Yamls.loadAll(output, "kubectl kustomize " + kustomization));
        List<Map<String, Object>> actual = sorted(Kustomization.build(directory));
        assertThat(actual).extracting(Kustomization::id).containsExactlyElementsOf(
                expected.stream().map(Kustomization::id).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(Kustomization.id(expected.get(i))).isEqualTo(expected.get(i));
        }
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> resources) {
        return resources.stream().sorted(Comparator.comparing(Kustomization::id)).toList();
    }

    private static Optional<Path> kubectl() {
        for (String directory : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
