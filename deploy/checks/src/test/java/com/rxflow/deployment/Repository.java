package com.rxflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the deployment files live: everything under {@code deploy/} of the repository, whose root is
 * found from the module's working directory (Surefire runs in {@code deploy/checks/}), so the tests
 * read the files an operator would use.
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

    /** deploy/: the one home of the Dockerfile, compose/ and k8s/. */
    static Path deploy() {
        return file("deploy");
    }

    /** deploy/compose/: the compose file, its .env.example and the files it mounts; compose's project directory. */
    static Path compose() {
        return deploy().resolve("compose");
    }

    static Path composeFile() {
        return compose().resolve("docker-compose.yml");
    }

    /** The opt-in PHI encryption on top of the compose file ({@code -f docker-compose.phi.yml}). */
    static Path composePhiFile() {
        return compose().resolve("docker-compose.phi.yml");
    }

    /** The compose stack's secrets, documented with empty values; an operator copies it to .env next to it. */
    static Path envExample() {
        return compose().resolve(".env.example");
    }

    static Path dockerfile() {
        return deploy().resolve("Dockerfile");
    }

    static Path kubernetes() {
        return deploy().resolve("k8s");
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("deploy/compose/docker-compose.yml"))
                    && Files.isRegularFile(candidate.resolve("mvnw"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no RxFlow repository (deploy/compose/docker-compose.yml and mvnw) above " + dir);
    }
}
