package com.rxflow.load.chaos;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * One RxFlow process the chaos harness runs ({@code rxflow broker} or {@code rxflow service NAME}),
 * started from the same jar (or classpath) as this process, with its output in a log file of its
 * own. It can be killed with SIGKILL, as a machine that dies would, and started again with the
 * same arguments: same ports, instance id and state folder.
 */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final List<String> command;
    private final Path log;
    private final BooleanSupplier ready;
    private Process process;

    private ChildProcess(String name, List<String> command, Path log, BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
        this.ready = ready;
    }

    /** {@code rxflow broker} on this port and folder; ready once the broker answers a metadata request. */
    static ChildProcess broker(List<String> jvmOptions, int port, Path dataDir, Path logs) {
        String bootstrap = "127.0.0.1:" + port;
        return new ChildProcess("kafka", rxflow(jvmOptions, "broker", "--port", String.valueOf(port), "--data-dir",
                dataDir.toString(), "--exit-with", String.valueOf(ProcessHandle.current().pid())),
                logs.resolve("kafka.log"), () -> brokerAnswers(bootstrap));
    }

    /** {@code rxflow service NAME}, logging to {@code LABEL.log}; ready once its readiness probe answers 200. */
    static ChildProcess service(List<String> jvmOptions, String name, String label, int port, String bootstrap, String instanceId,
            Path stateDir, String processorUrl, Map<String, String> settings, Path logs) {
        List<String> arguments = new ArrayList<>(List.of("service", name, "--broker", bootstrap, "--port",
                String.valueOf(port), "--instance-id", instanceId, "--state-dir", stateDir.toString(), "--processor-url",
                processorUrl, "--exit-with", String.valueOf(ProcessHandle.current().pid())));
        settings.forEach((key, value) -> {
            arguments.add("--set");
            arguments.add(key + "=" + value);
        });
        URI readiness = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        return new ChildProcess(label, rxflow(jvmOptions, arguments.toArray(String[]::new)), logs.resolve(label + ".log"),
                () -> answers200(readiness));
    }

    String name() {
        return name;
    }

    synchronized void start() {
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed, as when a machine dies. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A clean stop (SIGTERM: the shutdown hooks run), waiting for the process to end. */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /**
     * Waits until the process is ready.
     *
     * @return how long it took
     * @throws IllegalStateException when it died or was not ready within {@code patience}
     */
    Duration awaitReady(Duration patience) {
        long start = System.nanoTime();
        long deadline = start + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException(name + " exited during start-up (see " + log + ")");
            }
            if (ready.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + patience + " (see " + log + ")");
    }

    boolean ready() {
        return alive() && ready.getAsBoolean();
    }

    /**
     * The command that runs {@code rxflow ARGS} the way this process was run: {@code java -jar} the
     * jar the rxflow script runs, or the launcher's main class on this process's classpath (tests).
     */
    private static List<String> rxflow(List<String> jvmOptions, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.rxflow");
        String classpath = System.getProperty("java.class.path");
        if (isBootJar(classpath)) {
            command.add("-jar");
            command.add(classpath);
        } else {
            command.add("-cp");
            command.add(classpath);
            command.add("com.rxflow.launcher.RxflowCli");
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static boolean isBootJar(String classpath) {
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            return false;
        }
        try (JarFile jar = new JarFile(classpath)) {
            return jar.getManifest() != null && jar.getManifest().getMainAttributes().getValue("Start-Class") != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answers200(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean brokerAnswers(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000)).nodes().get(4, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
