package com.rxflow.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code KEY=value} file as docker compose's {@code .env} and {@code kubectl create secret
 * --from-env-file} read it: one variable a line, {@code #} comments and blank lines ignored.
 */
final class EnvFile {

    private EnvFile() {
    }

    static Map<String, String> read(Path file) {
        try {
            Map<String, String> variables = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalStateException(file + ": not KEY=value: " + line);
                }
                variables.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The example's variables with a plausible stand-in for each empty value: a SHA-256 for key
     * hashes, a short token otherwise. Examples commit no secret, the checks still need values.
     * Stand-ins differ between variables and between files ({@code origin}: the file's name), so a
     * check can tell two secrets apart: two services that read one variable (or one Secret's key)
     * get one stand-in, and share their secret in the checks as they would in the deployment.
     */
    static Map<String, String> withStandIns(Map<String, String> example, String origin) {
        Map<String, String> filled = new LinkedHashMap<>();
        example.forEach((name, value) -> filled.put(name, value.isEmpty() ? standIn(origin, name) : value));
        return filled;
    }

    private static String standIn(String origin, String name) {
        return name.endsWith("SHA256") ? "0123456789abcdef".repeat(4)
                : "example-" + (origin + "-" + name).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
