package com.rxflow.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rxflow service NAME}: one RxFlow service alone in this process, against a broker that
 * runs elsewhere ({@code rxflow broker}, or any Kafka), so that services can be stopped, killed
 * and restarted one at a time, as {@code rxflow chaos} does. Runs until the process is stopped.
 */
@Command(name = "service", showDefaultValues = true,
        description = "Run one RxFlow service in this process (auth-server, tools-service, escalation-service, "
                + "conversation-processor or gateway) against a running broker.")
final class ServiceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "The service: ${COMPLETION-CANDIDATES}.",
            completionCandidates = ServiceNames.class)
    private String name;

    @Option(names = "--broker", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Kafka's bootstrap servers.")
    private String broker;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: the service's own, 8080 to 8083, auth-server 9000).")
    private Integer port;

    @Option(names = "--instance-id", paramLabel = "ID", defaultValue = "local",
            description = "rxflow.instance-id: the Streams static member and tools-service's transactional ids; "
                    + "give every instance its own, and the same one again when it restarts.")
    private String instanceId;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".rxflow/state",
            description = "Where a Kafka Streams service keeps its local state.")
    private Path stateDir;

    @Option(names = "--processor-url", paramLabel = "URL", defaultValue = "http://localhost:8082",
            description = "The gateway's conversation processor.")
    private String processorUrl;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any other property of the service (repeatable).")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--exit-with", paramLabel = "PID",
            description = "Stop when that process ends (a harness that starts services passes its own pid).")
    private Long exitWith;

    @Override
    public Integer call() throws InterruptedException {
        int httpPort = port != null ? port : defaultPort(name);
        ServiceDefinition service = RxflowServices.named(name, httpPort, processorUrl);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", broker);
        properties.put("server.port", httpPort);
        properties.put("rxflow.streams.state-dir", stateDir.toString());
        properties.put("rxflow.instance-id", instanceId);
        properties.put("spring.profiles.active", "local");
        properties.putAll(settings);
        ConfigurableApplicationContext context = service.starter().apply(properties);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }, "rxflow-service-shutdown"));
        if (exitWith != null) {
            ProcessHandle.of(exitWith).ifPresentOrElse(parent -> parent.onExit().thenRun(() -> System.exit(1)),
                    () -> System.exit(1));
        }
        LocalStack.awaitReady(name, context);
        System.out.println(name + " ready on http://localhost:" + httpPort + " (instance " + instanceId + ", Kafka "
                + broker + ")");
        stopped.await();
        return 0;
    }

    static int defaultPort(String name) {
        switch (name) {
            case RxflowServices.AUTH:
                return RxflowServices.DEFAULT_AUTH_PORT;
            case RxflowServices.GATEWAY:
                return 8080;
            case RxflowServices.ESCALATION:
                return 8081;
            case RxflowServices.PROCESSOR:
                return 8082;
            case RxflowServices.TOOLS:
                return 8083;
            default:
                throw new IllegalArgumentException("No service called " + name + "; the services are "
                        + RxflowServices.NAMES);
        }
    }

    /** The service names, for the usage help. */
    static final class ServiceNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return RxflowServices.NAMES.iterator();
        }
    }
}
