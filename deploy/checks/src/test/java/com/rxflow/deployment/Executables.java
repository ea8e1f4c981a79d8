package com.rxflow.deployment;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real tools the checks hand the deployment files to ({@code kubectl}, {@code docker-compose}),
 * found on the {@code PATH}. {@code -Drxflow.<name>=<path>} picks another binary and
 * {@code -Drxflow.<name>=none} pretends it is missing, so the skipping path can be tried too.
 */
final class Executables {

    private Executables() {
    }

    static Optional<Path> find(String name) {
        String configured = System.getProperty("rxflow." + name);
        if (configured != null) {
            return configured.equals("none") ? Optional.empty()
                    : Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String directory : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
