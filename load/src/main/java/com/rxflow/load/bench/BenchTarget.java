package com.rxflow.load.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.rxflow.launcher.LocalStack;
import com.rxflow.launcher.RxflowServices;
import com.rxflow.launcher.ServiceDefinition;
import com.rxflow.launcher.broker.EmbeddedBroker;
import com.rxflow.launcher.phi.LocalPhiEncryption;

/** The RxFlow the benchmark drives: the embedded stack it starts, or a running one. */
abstract class BenchTarget implements AutoCloseable {

    static final String GUARANTEE = "spring.kafka.streams.properties.processing.guarantee";
    static final String PHI_ENABLED = "rxflow.phi.encryption.enabled";

    abstract URI gateway();

    abstract String bootstrapServers();

    abstract ResourceMonitor resources();

    /** Runs the processor with this processing guarantee from now on, where the target allows it. */
    abstract void useGuarantee(String guarantee, Progress progress);

    /**
     * Runs every service with PHI encryption on or off from now on ({@code rxflow up --encrypt-phi}'s
     * settings, the KEK made in the data folder), where the target allows it.
     */
    abstract void usePhiEncryption(boolean sealed, Progress progress);

    @Override
    public abstract void close();

    /**
     * The embedded stack on free ports and a fresh data folder: the broker and the four services
     * in this JVM, tools-service with {@code patients} synthetic patients and the gateway with rate
     * limits a load test does not reach.
     *
     * @param settings more properties per service name ({@code --set})
     */
    static BenchTarget embedded(Path dataDir, boolean deleteAfterwards, int patients,
            Map<String, Map<String, Object>> settings, Progress progress) {
        for (String service : settings.keySet()) {
            if (!RxflowServices.NAMES.contains(service)) {
                throw new IllegalArgumentException("--set names no service " + service + "; the services are "
                        + RxflowServices.NAMES);
            }
        }
        Map<String, Map<String, Object>> own = new LinkedHashMap<>();
        own.put(RxflowServices.TOOLS, new LinkedHashMap<>(Map.of("rxflow.tools.data.synthetic-patients", patients)));
        own.put(RxflowServices.GATEWAY, new LinkedHashMap<>(Map.of(
                "rxflow.gateway.rate-limits.messages-per-patient", 1_000_000,
                "rxflow.gateway.rate-limits.requests-per-client", 100_000_000)));
        // the services' INFO lines (a conversation opened, a case filed) would bury the progress display
        // and the summary at hundreds of turns a second; warnings and errors still show
        RxflowServices.NAMES.forEach(service -> own.computeIfAbsent(service, s -> new LinkedHashMap<>())
                .put("logging.level.com.rxflow", "WARN"));
        settings.forEach((service, properties) -> own.computeIfAbsent(service, s -> new LinkedHashMap<>())
                .putAll(properties));
        List<ServiceDefinition> services = new ArrayList<>();
        for (ServiceDefinition service : RxflowServices.all(freePort(), freePort(), freePort(), freePort(), freePort(),
                UnaryOperator.identity())) {
            services.add(service.withProperties(own.getOrDefault(service.name(), Map.of())));
        }
        progress.note("Starting the embedded stack (data in " + dataDir + ")...");
        LocalStack stack = new LocalStack(new EmbeddedBroker(dataDir.resolve("kafka"), 0), dataDir.resolve("state"),
                services, new PrintStream(OutputStream.nullOutputStream()));
        stack.start();
        int gatewayPort = services.stream().filter(s -> s.name().equals(RxflowServices.GATEWAY)).findFirst()
                .orElseThrow().port();
        return new Embedded(stack, URI.create("http://localhost:" + gatewayPort), dataDir, deleteAfterwards);
    }

    static BenchTarget remote(URI gateway, String bootstrapServers, Map<String, URI> serviceUrls) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put(RxflowServices.GATEWAY, gateway);
        services.put(RxflowServices.ESCALATION, sibling(gateway, 8081));
        services.put(RxflowServices.PROCESSOR, sibling(gateway, 8082));
        services.put(RxflowServices.TOOLS, sibling(gateway, 8083));
        services.putAll(serviceUrls);
        return new Remote(gateway, bootstrapServers, new ActuatorResources(services));
    }

    private static URI sibling(URI gateway, int port) {
        return URI.create(gateway.getScheme() + "://" + gateway.getHost() + ":" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Embedded extends BenchTarget {
        private final LocalStack stack;
        private final URI gateway;
        private final Path dataDir;
        private final boolean deleteAfterwards;
        private final InProcessResources resources = new InProcessResources();
        private String guarantee = BenchCommand.EOS;
        private boolean phiSealed;

        Embedded(LocalStack stack, URI gateway, Path dataDir, boolean deleteAfterwards) {
            this.stack = stack;
            this.gateway = gateway;
            this.dataDir = dataDir;
            this.deleteAfterwards = deleteAfterwards;
        }

        @Override
        URI gateway() {
            return gateway;
        }

        @Override
        String bootstrapServers() {
            return stack.bootstrapServers();
        }

        @Override
        ResourceMonitor resources() {
            return resources;
        }

        @Override
        void useGuarantee(String wanted, Progress progress) {
            if (!wanted.equals(guarantee)) {
                progress.note("Restarting the conversation processor with processing.guarantee=" + wanted + "...");
                stack.restart(RxflowServices.PROCESSOR, Map.of(GUARANTEE, wanted));
                guarantee = wanted;
            }
        }

        @Override
        void usePhiEncryption(boolean sealed, Progress progress) {
            if (sealed == phiSealed) {
                return;
            }
            progress.note("Restarting the services with PHI encryption " + (sealed ? "on" : "off") + "...");
            stack.withProperties(sealed ? LocalPhiEncryption.prepare(dataDir.resolve("phi"))
                    : Map.of(PHI_ENABLED, "false"));
            for (String service : List.of(RxflowServices.TOOLS, RxflowServices.ESCALATION, RxflowServices.PROCESSOR,
                    RxflowServices.GATEWAY)) { // the ones on Kafka; the auth server has no PHI
                stack.restart(service, service.equals(RxflowServices.PROCESSOR) ? Map.of(GUARANTEE, guarantee) : Map.of());
            }
            phiSealed = sealed;
        }

        @Override
        public void close() {
            stack.close();
            if (deleteAfterwards) {
                deleteTree(dataDir);
            }
        }
    }

    private static final class Remote extends BenchTarget {
        private final URI gateway;
        private final String bootstrapServers;
        private final ResourceMonitor resources;

        Remote(URI gateway, String bootstrapServers, ResourceMonitor resources) {
            this.gateway = gateway;
            this.bootstrapServers = bootstrapServers;
            this.resources = resources;
        }

        @Override
        URI gateway() {
            return gateway;
        }

        @Override
        String bootstrapServers() {
            return bootstrapServers;
        }

        @Override
        ResourceMonitor resources() {
            return resources;
        }

        @Override
        void useGuarantee(String guarantee, Progress progress) {
            // a running stack keeps the guarantee it was started with
        }

        @Override
        void usePhiEncryption(boolean sealed, Progress progress) {
            // a running stack keeps the setting it was started with; BenchCommand runs one leg only
        }

        @Override
        public void close() {
            // not ours to stop
        }
    }

    /** Deletes a folder and everything in it, as far as it can. */
    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a leftover file in target/ is harmless
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
