package com.rxflow.load.chaos;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import com.rxflow.launcher.PluggedCommand;
import com.rxflow.launcher.RxflowServices;
import com.rxflow.launcher.channel.ChannelAssertions;
import com.rxflow.load.bench.PatientBook;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow chaos}: what happens when a machine dies mid-conversation. Runs the broker and each
 * service as a process of its own on this machine, drives conversations through the gateway while
 * it kills random services with SIGKILL at random moments (restarting each at once, with the same
 * instance id, ports and state folder, as an orchestrator would) and restarts the broker a few
 * times; then verifies the log by message id ({@link ChaosVerifier}) and prints one line, for
 * example {@code kills=100 broker_restarts=5 messages=20000 lost=0 duplicated=0 out_of_order=0 stuck=0}.
 * Exits 1 on any loss, duplicate, reordering, stuck conversation or state mismatch.
 */
@Command(name = "chaos", showDefaultValues = true, sortOptions = false,
        description = {"Fault harness: kill -9 random services (and restart the broker) while patients talk, then "
                + "prove by message id that nothing was lost, duplicated or reordered.",
                "Example: rxflow chaos --kills 100 --broker-restarts 5"})
public final class ChaosCommand implements Callable<Integer>, PluggedCommand {

    private static final List<String> KILLABLE = List.of(RxflowServices.PROCESSOR, RxflowServices.TOOLS,
            RxflowServices.ESCALATION, RxflowServices.GATEWAY);
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    /** Synthetic patients tools-service serves; the talking ones are the first of them. */
    private static final int SYNTHETIC_PATIENTS = 200;

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "A short run: 4 kills, 1 broker restart, 8 patients talking.")
    private boolean quick;

    @Option(names = "--kills", paramLabel = "N", description = "Services killed with SIGKILL (default 100, --quick 4).")
    private Integer kills;

    @Option(names = "--broker-restarts", paramLabel = "N", description = "Broker restarts (SIGKILL, then start) "
            + "spread over the run (default 5, --quick 1).")
    private Integer brokerRestarts;

    @Option(names = "--patients", paramLabel = "N", description = "Patients talking at once (default 30, --quick 8).")
    private Integer talking;

    @Option(names = "--interval", paramLabel = "MIN:MAX", defaultValue = "2:8",
            description = "Seconds between a service back and the next kill, drawn at random.")
    private String interval;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default: the time), printed so a run can be repeated.")
    private Long seed;

    @Option(names = "--settle", paramLabel = "SECONDS", defaultValue = "180",
            description = "After the last kill, how long every accepted message may take to be answered.")
    private int settleSeconds;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Broker log, services' state and logs "
            + "(default: a fresh folder under target/chaos, kept for inspection).")
    private Path dataDir;

    @Option(names = "--jvm-options", paramLabel = "OPTIONS", defaultValue = "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
            description = "JVM options of every process the harness starts.")
    private String jvmOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        quietKafkaClients();
        long chosenSeed = seed != null ? seed : System.currentTimeMillis();
        Random random = new Random(chosenSeed);
        int killCount = kills != null ? kills : quick ? 4 : 100;
        int restarts = brokerRestarts != null ? brokerRestarts : quick ? 1 : 5;
        int patients = talking != null ? talking : quick ? 8 : 30;
        int[] pause = parseInterval();
        Path folder = dataDir != null ? dataDir : Path.of("target", "chaos",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        out.printf("rxflow chaos: seed %d, %d kills, %d broker restarts, %d patients talking; data and logs in %s%n",
                chosenSeed, killCount, restarts, patients, folder);
        out.flush();

        ChaosStack stack = new ChaosStack(folder, Arrays.asList(jvmOptions.trim().split("\\s+")), freePorts(6),
                SYNTHETIC_PATIENTS);
        List<Duration> recoveries = new ArrayList<>();
        List<String> forced = new ArrayList<>();
        Map<String, Integer> killed = new LinkedHashMap<>();
        ChaosVerifier.Findings findings;
        ChaosDriver driver = null;
        try {
            stack.start(out);
            driver = new ChaosDriver(stack.gatewayUrl(), "rxflow-local-dev", ChannelAssertions.development("local-dev"),
                    stack.bootstrap(), talkers(), patients, chosenSeed);
            driver.start();
            int events = killCount + restarts;
            List<Integer> brokerAt = new ArrayList<>();
            for (int r = 1; r <= restarts; r++) {
                brokerAt.add((int) Math.round(r * (double) events / (restarts + 1)));
            }
            for (int event = 1, done = 0; event <= events; event++) {
                ChildProcess.sleep(1000L * (pause[0] + random.nextInt(pause[1] - pause[0] + 1)));
                String victim = brokerAt.contains(event) && done < restarts ? "kafka"
                        : KILLABLE.get(random.nextInt(KILLABLE.size()));
                if (victim.equals("kafka")) {
                    done++;
                }
                killed.merge(victim, 1, Integer::sum);
                Duration back = victim.equals("kafka") ? stack.restartBroker(forced) : stack.kill(victim);
                recoveries.add(back);
                out.printf(Locale.ROOT, "  %3d/%d kill -9 %-22s back in %5.1f s   accepted %d, answered %d, retries %d%n",
                        event, events, victim, back.toMillis() / 1000.0, driver.acceptedCount(), driver.answeredCount(),
                        driver.retries());
                out.flush();
            }
            driver.stopSending();
            out.println("  all kills done; waiting for every accepted message to be answered...");
            out.flush();
            driver.awaitAnswers(Duration.ofSeconds(settleSeconds));
            findings = new ChaosVerifier(stack.bootstrap(), stack.processorUrl()).verify(driver.accepted());
        } finally {
            if (driver != null) {
                driver.close();
            }
            stack.close();
        }
        double maxBack = recoveries.stream().mapToLong(Duration::toMillis).max().orElse(0) / 1000.0;
        double meanBack = recoveries.stream().mapToLong(Duration::toMillis).average().orElse(0) / 1000.0;
        findings.examples().forEach(example -> out.println("  " + example));
        if (!forced.isEmpty()) {
            out.println("  restarted because not ready after a broker restart: " + forced);
        }
        out.printf(Locale.ROOT, "  killed %s; not accepted after retries %d; handed to a pharmacist %d; orders %d%n",
                killed, driver.refused(), driver.handedOver().size(), findings.orders());
        out.printf(Locale.ROOT, "kills=%d broker_restarts=%d messages=%d lost=%d duplicated=%d out_of_order=%d stuck=%d "
                + "state_mismatch=%d duplicate_orders=%d recovery_mean=%.1fs recovery_max=%.1fs%n", killCount, restarts,
                findings.messages(), findings.lost(), findings.duplicated(), findings.outOfOrder(), findings.stuck(),
                findings.stateMismatch(), findings.duplicateOrders(), meanBack, maxBack);
        out.flush();
        return findings.clean() && findings.messages() > 0 ? 0 : 1;
    }

    /**
     * The synthetic patients, those whose refill can end in an order and the others taking turns,
     * so the first few talking patients include some who place orders (each order must be placed
     * once, however often tools-service dies).
     */
    private static List<ChaosDriver.Patient> talkers() {
        PatientBook book = PatientBook.synthetic(SYNTHETIC_PATIENTS);
        List<ChaosDriver.Patient> refill = new ArrayList<>();
        List<ChaosDriver.Patient> other = new ArrayList<>();
        book.all().forEach(p -> (p.refill().isPresent() ? refill : other)
                .add(new ChaosDriver.Patient(p.id(), p.refill().orElse(null))));
        List<ChaosDriver.Patient> talkers = new ArrayList<>();
        for (int i = 0; i < Math.max(refill.size(), other.size()); i++) {
            if (i < refill.size()) {
                talkers.add(refill.get(i));
            }
            if (i < other.size()) {
                talkers.add(other.get(i));
            }
        }
        return talkers;
    }

    private int[] parseInterval() {
        String[] parts = interval.split(":");
        int min;
        int max;
        try {
            min = Integer.parseInt(parts[0].strip());
            max = parts.length > 1 ? Integer.parseInt(parts[1].strip()) : min;
        } catch (NumberFormatException e) {
            min = -1;
            max = -1;
        }
        if (min < 0 || max < min) {
            throw new ParameterException(spec.commandLine(), "--interval is MIN:MAX seconds");
        }
        return new int[] {min, max};
    }

    /** The harness's own Kafka clients complain on every broker restart; the verdict is what counts. */
    private static void quietKafkaClients() {
        if (LoggerFactory.getLogger("org.apache.kafka") instanceof Logger kafka) {
            kafka.setLevel(Level.ERROR);
        }
    }

    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }

    /** The broker and the four services, each a process of its own. */
    private static final class ChaosStack implements AutoCloseable {

        private final ChildProcess broker;
        private final Map<String, ChildProcess> services = new LinkedHashMap<>();
        private final String bootstrap;
        private final int gatewayPort;
        private final int processorPort;

        ChaosStack(Path folder, List<String> jvmOptions, int[] ports, int syntheticPatients) {
            Path logs = folder.resolve("logs");
            this.bootstrap = "127.0.0.1:" + ports[0];
            this.broker = ChildProcess.broker(jvmOptions, ports[0], folder.resolve("kafka"), logs);
            int escalationPort = ports[2];
            this.processorPort = ports[3];
            this.gatewayPort = ports[1];
            String processorUrl = "http://localhost:" + processorPort;
            Map<String, Integer> port = Map.of(RxflowServices.GATEWAY, gatewayPort, RxflowServices.ESCALATION,
                    escalationPort, RxflowServices.PROCESSOR, processorPort, RxflowServices.TOOLS, ports[4],
                    RxflowServices.AUTH, ports[5]);
            for (String name : RxflowServices.NAMES) {
                services.put(name, ChildProcess.service(jvmOptions, name, port.get(name), bootstrap, "chaos-1",
                        folder.resolve("state"), processorUrl, settings(name, syntheticPatients), logs));
            }
        }

        /**
         * What differs from the services' defaults in this run, and why. tools-service's consumers
         * use dynamic membership: a killed instance's partitions wait for its session to expire
         * before the restarted one gets them, so the session is short (6 s, the broker's minimum).
         * A tool call may go unanswered while tools-service or the broker is down; the processor's
         * time limit is longer than any outage here, so no kill turns a question into a handoff.
         */
        private static Map<String, String> settings(String service, int syntheticPatients) {
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
            return settings;
        }

        void start(PrintWriter out) {
            long start = System.nanoTime();
            broker.start();
            broker.awaitReady(START_PATIENCE);
            services.values().forEach(ChildProcess::start);
            for (ChildProcess service : services.values()) {
                service.awaitReady(START_PATIENCE);
            }
            out.printf(Locale.ROOT, "  broker and %d services up in %.1f s%n", services.size(),
                    (System.nanoTime() - start) / 1e9);
            out.flush();
        }

        /** SIGKILL, then start again at once with the same arguments; returns when it is ready again. */
        Duration kill(String name) {
            ChildProcess service = services.get(name);
            long start = System.nanoTime();
            service.kill();
            service.start();
            service.awaitReady(START_PATIENCE);
            return Duration.ofNanos(System.nanoTime() - start);
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
            for (ChildProcess service : services.values()) {
                while (!service.ready()) {
                    if (!service.alive() || System.nanoTime() - brokerBack > Duration.ofMinutes(1).toNanos()) {
                        forced.add(service.name());
                        service.kill();
                        service.start();
                        service.awaitReady(START_PATIENCE);
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

        URI gatewayUrl() {
            return URI.create("http://localhost:" + gatewayPort);
        }

        URI processorUrl() {
            return URI.create("http://localhost:" + processorPort);
        }

        @Override
        public void close() {
            List<ChildProcess> reverse = new ArrayList<>(services.values());
            Collections.reverse(reverse);
            reverse.forEach(ChildProcess::stop);
            broker.stop();
        }
    }
}
