package com.rxflow.deployment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A kustomization rendered by real kustomize ({@code kubectl kustomize <directory>}): exactly what
 * {@code kubectl apply -k} would send to the cluster, parsed into plain maps. Where kubectl is not
 * installed the calling test is skipped (a JUnit assumption), never failed; {@code .ci/run}
 * installs it.
 */
final class Kustomize {

    private static final Optional<Path> KUBECTL = Executables.find("kubectl");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        assumeTrue(KUBECTL.isPresent(), "kubectl is not installed (.ci/run installs Debian's package); skipped");
        String command = "kubectl kustomize " + Repository.root().relativize(directory);
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(KUBECTL.get().toString(), "kustomize", directory.toString())
                        .redirectError(errors.toFile()).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not finish within 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError(command + " failed (exit " + process.exitValue() + "):\n"
                            + Files.readString(errors));
                }
                return Yamls.loadAll(output, command);
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(command + " interrupted", e);
        }
    }
}
