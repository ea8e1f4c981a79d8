package com.rxflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/compose/docker-compose.yml as docker compose itself validates it ({@code docker-compose
 * config}, the Debian package that {@code .ci/run} installs), with deploy/compose/ as its project
 * directory as when an operator runs it there. Skipped where the binary is missing, so a developer
 * without it still builds; {@code -Drxflow.docker-compose=<path>} picks another binary ({@code none}
 * skips).
 */
class DockerComposeConfigTest {

    private static Path binary;

    @BeforeAll
    static void findDockerCompose() {
        binary = Executables.find("docker-compose").orElse(null);
    }

    @Test
    void validatesWithTheExampleSecretsFilledIn(@TempDir Path temp) throws Exception {
        Path envFile = temp.resolve("compose.env");
        writeEnv(envFile, ComposeDeployment.exampleVariables());
        Result result = run(envFile);
        assertThat(result.exitCode()).as("docker-compose config:%n%s", result.output()).isZero();
    }

    @Test
    void validatesWithThePhiEncryptionFileOnTop(@TempDir Path temp) throws Exception {
        Path envFile = temp.resolve("compose.env");
        writeEnv(envFile, ComposeDeployment.exampleVariables());
        Result result = run(envFile, Repository.composeFile(), Repository.composePhiFile());
        assertThat(result.exitCode()).as("docker-compose -f docker-compose.yml -f docker-compose.phi.yml config:%n%s",
                result.output()).isZero();
    }

    @Test
    void refusesToRunWithoutTheSecretsAndSaysWhichIsMissing(@TempDir Path temp) throws Exception {
        Path envFile = temp.resolve("empty.env");
        Files.writeString(envFile, "");
        Result result = run(envFile);
        assertThat(result.exitCode()).as("docker-compose config without secrets").isNotZero();
        String secrets = String.join("|", EnvFile.read(Repository.envExample()).keySet());
        assertThat(result.output()).containsPattern("set (" + secrets + ") in \\.env");
    }

    private static Result run(Path envFile) throws IOException, InterruptedException {
        return run(envFile, Repository.composeFile());
    }

    private static Result run(Path envFile, Path... files) throws IOException, InterruptedException {
        assumeTrue(binary != null, "docker-compose is not installed (.ci/run installs Debian's package); skipped");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--env-file", envFile.toString(),
                "--project-directory", Repository.compose().toString()));
        for (Path file : files) {
            command.addAll(List.of("-f", file.toString()));
        }
        command.addAll(List.of("config", "--quiet"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Repository.compose().toFile()).redirectErrorStream(true);
        // only the env file may provide the variables, not whoever runs the build
        Map<String, String> environment = builder.environment();
        EnvFile.read(Repository.envExample()).keySet().forEach(environment::remove);
        environment.keySet().removeIf(k -> k.startsWith("COMPOSE_") || k.startsWith("DOCKER_"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("docker-compose config did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static void writeEnv(Path file, Map<String, String> variables) throws IOException {
        StringBuilder text = new StringBuilder();
        variables.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text);
    }

    private record Result(int exitCode, String output) {
    }
}
