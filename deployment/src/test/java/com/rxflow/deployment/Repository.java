package com.rxflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deployment files live: the repository root, found from the module's working directory
 * (Surefire runs in {@code deployment/}), so the tests read the files an operator would use.
 */
final class Repository {

    private static final Path ROOT = findRoot();

    private Repository() {
    }

    static Path root() {
        return ROOT;
    }

    static Path file(String relative) {
        return ROOT.resolve(relative);
    }

    static Path composeFile() {
        return file("docker-compose.yml");
    }

    static Path dockerfile() {
        return file("Dockerfile");
    }

    static Path kubernetes() {
        return file("k8s");
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docker-compose.yml")) && Files.isRegularFile(candidate.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no RxFlow repository (docker-compose.yml and mvnw) above " + dir);
    }
}
