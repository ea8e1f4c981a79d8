package com.rxflow.load.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.rxflow.launcher.RxflowServices;

/**
 * The broker and the services, each instance a process of its own with its own instance id, HTTP
 * port, state folder and log file ({@code NAME.log} for the first instance, {@code NAME-N.log} for
 * the others). Instances are taken out of service while they are killed or stopped and put back
 * once ready, as an orchestrator's readiness probe would; the gateways reach the conversation
 * processors through a {@link TcpBalancer} over those in service when there are several.
 */
final class ChaosStack implements AutoCloseable {

    static final Duration START_PATIENCE = Duration.ofMinutes(6);

    /** One running (or restarting) instance of a service. */
    static final class Instance {
        private final String service;
        private final String id;
        private final int port;
        private final ChildProcess process;
        private volatile boolean inService;

        private Instance(String service, String id, int port, ChildProcess process) {
            this.service = service;
            this.id = id;
            this.port = port;
            this.process = process;
        }

        String service() {
            return service;
        }

        /** {@code conversation-processor/chaos-2}. */
        String label() {
            return service + "/" + id;
        }

        URI url() {
            return URI.create("http://localhost:" + port);
        }

        int port() {
            return port;
        }

        boolean inService() {
            return inService;
        }

        /** Its process is running and its readiness probe answers 200. */
        boolean ready() {
            return process.ready();
        }
    }

    private final Path folder;
    private final List<String> jvmOptions;
    private final int syntheticPatients;
    private final InstancePlan plan;
    private final boolean scaling;
    private final ChildProcess broker;
    private final String bootstrap;
    private final ChildProcess auth;
    private final Map<String, List<Instance>> instances = new LinkedHashMap<>();
    private final Map<String, Integer> numbered = new LinkedHashMap<>();
    private final Set<Integer> usedPorts = new HashSet<>();
    private final TcpBalancer processors;
    private String processorUrl;

    /**
     * @param scaling whether instances of the Streams services will join and leave during the run;
     *                they then keep a standby replica even when the plan runs them once
     */
    ChaosStack(Path folder, List<String> jvmOptions, InstancePlan plan, boolean scaling, int syntheticPatients)
            throws IOException {
        this.folder = folder;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.syntheticPatients = syntheticPatients;
        this.plan = plan;
        this.scaling = scaling;
        Path logs = folder.resolve("logs");
        int brokerPort = freePort();
        usedPorts.add(brokerPort);
        this.bootstrap = "127.0.0.1:" + brokerPort;
        this.broker = ChildProcess.broker(this.jvmOptions, brokerPort, folder.resolve("kafka"), logs);
        this.auth = ChildProcess.service(this.jvmOptions, RxflowServices.AUTH, RxflowServices.AUTH, unusedPort(),
                bootstrap, "chaos-1", folder.resolve("state").resolve("chaos-1"), "http://localhost:8082", Map.of(), logs);
        InstancePlan.SCALABLE.forEach(service -> instances.put(service, new CopyOnWriteArrayList<>()));
        this.processors = plan.count(RxflowServices.PROCESSOR) > 1 ? new TcpBalancer(() -> ports(RxflowServices.PROCESSOR))
                : null;
        for (int i = 0; i < plan.count(RxflowServices.PROCESSOR); i++) {
            add(RxflowServices.PROCESSOR);
        }
        this.processorUrl = processors != null ? "http://localhost:" + processors.port()
                : instances.get(RxflowServices.PROCESSOR).get(0).url().toString();
        for (String service : List.of(RxflowServices.TOOLS, RxflowServices.ESCALATION, RxflowServices.GATEWAY)) {
            for (int i = 0; i < plan.count(service); i++) {
                add(service);
            }
        }
    }

    private Instance add(String service) throws IOException {
        int number = numbered.merge(service, 1, Integer::sum);
        String id = "chaos-" + number;
        int port = unusedPort();
        // only the gateway reads --processor-url; a processor is given its own address
        String processor = processorUrl != null ? processorUrl : "http://localhost:" + port;
        ChildProcess process = ChildProcess.service(jvmOptions, service, number == 1 ? service : service + "-" + number,
                port, bootstrap, id, folder.resolve("state").resolve(id), processor, settings(service), folder.resolve("logs"));
        Instance instance = new Instance(service, id, port, process);
        instances.get(service).add(instance);
        return instance;
    }

    /**
     * What differs from the services' defaults in this run, and why. tools-service's consumers
     * use dynamic membership: a killed instance's partitions wait for its session to expire
     * before the restarted one gets them, so the session is short (6 s, the broker's minimum).
     * A tool call may go unanswered while tools-service or the broker is down; the processor's
     * time limit is longer than any outage here, so no kill turns a question into a handoff.
     * A Streams service that runs (or may run) several instances keeps one standby replica of each
     * store, and probes every minute (Kafka's minimum; default 10) whether a warmed-up instance can
     * take its active tasks, so tasks move within the run.
     */
    private Map<String, String> settings(String service) {
        Map<String, String> settings = new LinkedHashMap<>();
        switch (service) {
            case RxflowServices.TOOLS -> {
                settings.put("rxflow.tools.data.synthetic-patients", String.valueOf(syntheticPatients));
                settings.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
                settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "1500");
            }
            case RxflowServices.PROCESSOR -> settings.put("rxflow.processor.tool-timeout", "PT120S");
            case RxflowServices.GATEWAY -> {
                settings.put("rxflow.gateway.rate-limits.messages-per-patient", "1000000");
                settings.put("rxflow.gateway.rate-limits.requests-per-client", "100000000");
            }
            default -> {
            }
        }
        if (InstancePlan.STREAMS.contains(service) && (plan.count(service) > 1 || scaling)) {
            settings.put("spring.kafka.streams.properties.num.standby.replicas", "1");
            settings.put("spring.kafka.streams.properties.probing.rebalance.interval.ms", "60000");
        }
        return settings;
    }

    void start(PrintWriter out) {
        long start = System.nanoTime();
        broker.start();
        broker.awaitReady(START_PATIENCE);
        auth.start();
        auth.awaitReady(START_PATIENCE);
        // one after the other: on a small shared machine, many JVMs starting at once may each take minutes
        for (Instance instance : all()) {
            instance.process.start();
            instance.process.awaitReady(START_PATIENCE);
            instance.inService = true;
        }
        out.printf(Locale.ROOT, "  broker and %d service instances up in %.1f s (%s)%n", all().size() + 1,
                (System.nanoTime() - start) / 1e9, plan);
        out.flush();
    }

    /** Every instance of the scalable services, in a fixed order. */
    List<Instance> all() {
        List<Instance> all = new ArrayList<>();
        instances.values().forEach(all::addAll);
        return all;
    }

    List<Instance> instances(String service) {
        return List.copyOf(instances.get(service));
    }

    /** Ports of the service's instances in service, for the balancer in front of them. */
    private List<Integer> ports(String service) {
        return instances.get(service).stream().filter(Instance::inService).map(Instance::port).toList();
    }

    /** SIGKILL, then start again at once with the same arguments; returns when it is ready again. */
    Duration kill(Instance instance) {
        long start = System.nanoTime();
        instance.inService = false;
        instance.process.kill();
        instance.process.start();
        instance.process.awaitReady(START_PATIENCE);
        instance.inService = true;
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** A new instance of the service joins: its own id, port and (empty) state folder; returns once it is ready. */
    Instance scaleOut(String service) {
        Instance instance;
        try {
            instance = add(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        instance.process.start();
        instance.process.awaitReady(START_PATIENCE);
        instance.inService = true;
        return instance;
    }

    /** The instance leaves cleanly: out of service, SIGTERM, and its process has ended. */
    void scaleIn(Instance instance) {
        instance.inService = false;
        instance.process.stop();
        instances.get(instance.service).remove(instance);
    }

    /**
     * SIGKILL the broker and start it again on the same folder and port; returns once it and every
     * service are ready again. A service still not ready a minute after the broker is back is
     * restarted (as an orchestrator's probe would), and named in {@code forced}.
     */
    Duration restartBroker(List<String> forced) {
        long start = System.nanoTime();
        broker.kill();
        broker.start();
        broker.awaitReady(START_PATIENCE);
        long brokerBack = System.nanoTime();
        for (Instance instance : all()) {
            ChildProcess service = instance.process;
            while (!service.ready()) {
                if (!service.alive() || System.nanoTime() - brokerBack > Duration.ofMinutes(1).toNanos()) {
                    forced.add(instance.label());
                    kill(instance);
                    break;
                }
                ChildProcess.sleep(250);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    String bootstrap() {
        return bootstrap;
    }

    List<URI> gatewayUrls() {
        return instances.get(RxflowServices.GATEWAY).stream().map(Instance::url).toList();
    }

    /** Where the verifier asks for a conversation: the first processor, which forwards to the owner. */
    URI processorUrl() {
        return instances.get(RxflowServices.PROCESSOR).get(0).url();
    }

    @Override
    public void close() {
        List<Instance> reverse = all();
        Collections.reverse(reverse);
        reverse.forEach(instance -> instance.process.stop());
        auth.stop();
        broker.stop();
        if (processors != null) {
            processors.close();
        }
    }

    /** A free port this stack has not handed out yet (a port closed again may come back from the system). */
    private int unusedPort() throws IOException {
        while (true) {
            int port = freePort();
            if (usedPorts.add(port)) {
                return port;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
