package com.rxflow.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import com.rxflow.launcher.broker.KafkaBroker;

/**
 * The whole of RxFlow on one machine: the embedded broker and the services, started in order and
 * stopped in reverse, so no service ever runs without its broker, and Ctrl-C (the JVM shutdown hook)
 * leaves the broker's log and the services' state cleanly closed for the next start.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** Prefix of the thread groups the broker and each service run in. */
    public static final String GROUP_PREFIX = "rxflow-";
    /** The thread group of the broker's threads. */
    public static final String BROKER_GROUP = GROUP_PREFIX + "kafka";

    private final KafkaBroker broker;
    private final Path stateDir;
    private final List<ServiceDefinition> services;
    private final PrintStream out;
    private final Deque<RunningService> running = new ArrayDeque<>();
    private final Map<String, Object> common = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread shutdownHook = new Thread(this::close, "rxflow-shutdown");
    private boolean started;

    /**
     * @param broker   the broker, not started yet
     * @param stateDir where the Kafka Streams services keep their local state
     * @param services the services, in start order
     */
    public LocalStack(KafkaBroker broker, Path stateDir, List<ServiceDefinition> services) {
        this(broker, stateDir, services, System.out);
    }

    /** As {@link #LocalStack(KafkaBroker, Path, List)}, printing the status lines to {@code out}. */
    public LocalStack(KafkaBroker broker, Path stateDir, List<ServiceDefinition> services, PrintStream out) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        this.services = List.copyOf(services);
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Starts the broker, then each service in order, printing one line for each, then where to
     * point a browser or curl. If anything fails to start, whatever already runs is stopped again.
     *
     * @return this stack, running
     */
    /** Properties every service gets (for example PHI encryption's), set before {@link #start()}. */
    public synchronized LocalStack withProperties(Map<String, ?> properties) {
        common.putAll(properties);
        return this;
    }

    public synchronized LocalStack start() {
        if (started || stopped.getCount() == 0) {
            throw new IllegalStateException("The local stack starts only once");
        }
        started = true;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            long brokerStart = System.nanoTime();
            inGroup(BROKER_GROUP, broker::start);
            status("kafka", broker.bootstrapServers(), brokerStart, broker.description());
            for (ServiceDefinition service : services) {
                long serviceStart = System.nanoTime();
                RunningService started = new RunningService(service.name(),
                        inGroup(groupName(service.name()), () -> service.starter().apply(propertiesFor(service))));
                running.push(started);
                awaitReady(started);
                status(service.name(), url(service), serviceStart, "");
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        out.println(readyLine());
        return this;
    }

    /**
     * Stops one running service and starts it again with the same properties, as an operator
     * restarting a process would. The other services and the broker keep running.
     *
     * @return the service's new context
     */
    public synchronized ConfigurableApplicationContext restart(String name) {
        return restart(name, Map.of());
    }

    /**
     * As {@link #restart(String)}, with properties that win over the launcher's for this start only
     * (the benchmark runs the processor once with each processing guarantee).
     */
    public synchronized ConfigurableApplicationContext restart(String name, Map<String, Object> overrides) {
        ServiceDefinition service = services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service called " + name));
        RunningService old = running.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not running"));
        old.context().close();
        Map<String, Object> properties = propertiesFor(service);
        properties.putAll(overrides);
        ConfigurableApplicationContext context = inGroup(groupName(name), () -> service.starter().apply(properties));
        RunningService renewed = new RunningService(name, context);
        awaitReady(renewed);
        // keep the start order, so close() still stops the services in reverse
        Deque<RunningService> reordered = new ArrayDeque<>();
        running.descendingIterator().forEachRemaining(r -> reordered.push(r == old ? renewed : r));
        running.clear();
        reordered.descendingIterator().forEachRemaining(running::push);
        return context;
    }

    /** The running context of a service, for tests and tools that need its beans or port. */
    public synchronized ConfigurableApplicationContext context(String name) {
        return running.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " is not running")).context();
    }

    /** @return the broker's {@code host:port} */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * The thread group a service's threads belong to: the service starts on a thread of its own
     * group, and every thread it creates (Tomcat's, Kafka's clients and Streams threads) inherits
     * it, so the benchmark can tell how much CPU each service of this one JVM used.
     */
    public static String groupName(String service) {
        return GROUP_PREFIX + service;
    }

    /** Blocks until the stack has been closed, by {@link #close()} or by the JVM shutting down. */
    public void awaitClose() throws InterruptedException {
        stopped.await();
    }

    /** Stops the services in reverse order, then the broker, and waits for each; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        boolean anythingRuns = broker.isRunning() || !running.isEmpty();
        if (anythingRuns) {
            out.println("Stopping RxFlow...");
        }
        while (!running.isEmpty()) {
            RunningService service = running.pop();
            try {
                service.context().close();
            } catch (RuntimeException e) {
                // Keep going: the broker and the other services must still stop cleanly.
                out.println("  " + service.name() + " did not stop cleanly: " + e);
            }
        }
        broker.close();
        if (started) {
            removeShutdownHook();
        }
        if (anythingRuns) {
            out.println("RxFlow stopped.");
        }
        stopped.countDown();
    }

    /** What every service gets from the launcher, on top of (and winning over) its own configuration. */
    private Map<String, Object> propertiesFor(ServiceDefinition service) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.putAll(broker.clientProperties(service.name()));
        properties.put("server.port", service.port());
        properties.put("rxflow.streams.state-dir", stateDir.toString());
        properties.put("spring.profiles.active", "local");
        LocalPseudonymKey.in(stateDir).ifPresent(key -> properties.put(LocalPseudonymKey.PROPERTY, key));
        properties.putAll(common);
        return properties;
    }

    /**
     * Waits until the service's readiness group is UP (its Kafka clients or Streams run), so
     * "RxFlow is up" means a request would be served. A context without Actuator is ready once started.
     */
    private static void awaitReady(RunningService service) {
        awaitReady(service.name(), service.context());
    }

    /** As above, for a service's context started by other means ({@code rxflow service}). */
    static void awaitReady(String name, ConfigurableApplicationContext context) {
        RunningService service = new RunningService(name, context);
        HealthEndpoint health = service.context().getBeanProvider(HealthEndpoint.class).getIfAvailable();
        if (health == null) {
            return;
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            HealthDescriptor readiness = health.healthForPath("readiness");
            if (readiness != null && Status.UP.equals(readiness.getStatus())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(service.name() + " did not become ready within " + READY_TIMEOUT
                        + " (readiness is " + (readiness == null ? "unknown" : readiness.getStatus()) + ")");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.name(), e);
            }
        }
    }

    /**
     * Runs {@code start} on a new thread of the named group and waits for it, so the threads it
     * creates belong to that group; its failure is rethrown here.
     */
    private static <T> T inGroup(String group, Supplier<T> start) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread starter = new Thread(new ThreadGroup(group), () -> {
            try {
                result.set(start.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, group + "-start");
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + group, e);
        }
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown != null) {
            throw new IllegalStateException(thrown);
        }
        return result.get();
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: this close() is the hook itself, or runs alongside it.
        }
    }

    private void status(String name, String address, long startNanos, String note) {
        double seconds = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0;
        out.println(String.format(Locale.ROOT, "  %-22s %-24s ready in %4.1f s  %s", name, address, seconds, note)
                .stripTrailing());
    }

    private String readyLine() {
        if (services.isEmpty()) {
            return "RxFlow is up: Kafka at " + broker.bootstrapServers() + ", no services. Ctrl-C stops it.";
        }
        return "RxFlow is up. Point a browser or curl at "
                + services.stream().map(s -> url(s) + " (" + s.name() + ")").collect(Collectors.joining(", "))
                + ". Ctrl-C stops everything.";
    }

    private static String url(ServiceDefinition service) {
        return "http://localhost:" + service.port();
    }

    private record RunningService(String name, ConfigurableApplicationContext context) {
    }
}
