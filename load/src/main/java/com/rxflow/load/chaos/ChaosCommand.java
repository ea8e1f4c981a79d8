package com.rxflow.load.chaos;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import com.rxflow.launcher.PluggedCommand;
import com.rxflow.launcher.channel.ChannelAssertions;
import com.rxflow.load.bench.PatientBook;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import picocli.CommandLine;
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

    @Option(names = "--instances", paramLabel = "NAME=N,...", converter = InstancePlan.Converter.class,
            defaultValue = "", showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "Instances of each service, for example processor=3,tools=2,gateway=2,escalation=2 "
                    + "(default: 1 of each). Kafka Streams services with 2 or more keep a standby replica.")
    private InstancePlan plan;

    @Option(names = "--scale-events", paramLabel = "N", description = "Times an instance of a Kafka Streams "
            + "service joins or (every other time) leaves cleanly during the run (default 0 with 1 instance "
            + "of each service, 4 with several).")
    private Integer scaleEvents;

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
        int scales = scaleEvents != null ? scaleEvents : plan.several() ? 4 : 0;
        int[] pause = parseInterval();
        Path folder = dataDir != null ? dataDir : Path.of("target", "chaos",
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(folder);
        out.printf("rxflow chaos: seed %d, %d kills, %d broker restarts, %d scale events, %d patients talking, "
                + "instances %s; data and logs in %s%n", chosenSeed, killCount, restarts, scales, patients, plan, folder);
        out.flush();

        ChaosStack stack = new ChaosStack(folder, Arrays.asList(jvmOptions.trim().split("\\s+")), plan, scales > 0,
                SYNTHETIC_PATIENTS);
        List<Duration> recoveries = new ArrayList<>();
        List<String> forced = new ArrayList<>();
        Map<String, Integer> killed = new LinkedHashMap<>();
        ChaosVerifier.Findings findings;
        ChaosDriver driver = null;
        QueryReader reader = null;
        Scaler scaler = null;
        try {
            stack.start(out);
            driver = new ChaosDriver(new GatewayAssignment(stack.gatewayUrls()), "rxflow-local-dev",
                    ChannelAssertions.development("local-dev"), stack.bootstrap(), talkers(), patients, chosenSeed);
            driver.start();
            reader = new QueryReader(stack, driver::someAnsweredConversation, chosenSeed);
            reader.start();
            scaler = new Scaler(stack, reader, random);
            List<ChaosEvent> schedule = ChaosEvent.schedule(killCount, restarts, scales);
            for (int event = 1; event <= schedule.size(); event++) {
                ChildProcess.sleep(1000L * (pause[0] + random.nextInt(pause[1] - pause[0] + 1)));
                String what;
                Duration took;
                switch (schedule.get(event - 1)) {
                    case BROKER_RESTART -> {
                        what = "kill -9 kafka";
                        killed.merge("kafka", 1, Integer::sum);
                        took = stack.restartBroker(forced);
                        recoveries.add(took);
                    }
                    case SCALE -> {
                        Scaler.Rebalance rebalance = scaler.next();
                        what = rebalance.describe() + (rebalance.settled() ? "" : " (NOT STABLE)");
                        took = rebalance.stable();
                    }
                    default -> {
                        List<ChaosStack.Instance> instances = stack.all();
                        ChaosStack.Instance victim = instances.get(random.nextInt(instances.size()));
                        what = "kill -9 " + (plan.several() || scales > 0 ? victim.label() : victim.service());
                        killed.merge(victim.service(), 1, Integer::sum);
                        took = stack.kill(victim);
                        recoveries.add(took);
                    }
                }
                out.printf(Locale.ROOT, "  %3d/%d %-40s back in %5.1f s   accepted %d, answered %d, retries %d%n",
                        event, schedule.size(), what, took.toMillis() / 1000.0, driver.acceptedCount(),
                        driver.answeredCount(), driver.retries());
                out.flush();
            }
            driver.stopSending();
            out.println("  all kills done; waiting for every accepted message to be answered...");
            out.flush();
            driver.awaitAnswers(Duration.ofSeconds(settleSeconds));
            findings = new ChaosVerifier(stack.bootstrap(), stack.processorUrl()).verify(driver.accepted());
        } finally {
            if (reader != null) {
                reader.close();
            }
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
        out.printf(Locale.ROOT, "  killed %s; not accepted after retries %d; handed to a pharmacist %d (and %d messages "
                + "sent before the handoff forwarded to the pharmacist); orders %d; state read again after a timer fired "
                + "during the reads %d%n", killed, driver.refused(), driver.handedOver().size(),
                findings.forwardedToPharmacist(), findings.orders(), findings.stateSettledOnReread());
        List<Scaler.Rebalance> rebalances = scaler == null ? List.of() : scaler.rebalances();
        out.printf(Locale.ROOT, "  reads while tasks moved: conversations %s; pharmacists' queue %s%n",
                reader.conversationReads(), reader.queueReads());
        out.printf(Locale.ROOT, "kills=%d broker_restarts=%d messages=%d lost=%d duplicated=%d out_of_order=%d stuck=%d "
                + "state_mismatch=%d duplicate_orders=%d recovery_mean=%.1fs recovery_max=%.1fs%n", killCount, restarts,
                findings.messages(), findings.lost(), findings.duplicated(), findings.outOfOrder(), findings.stuck(),
                findings.stateMismatch(), findings.duplicateOrders(), meanBack, maxBack);
        out.printf(Locale.ROOT, "instances=%s scale_events=%d rebalance_mean=%.1fs rebalance_max=%.1fs unstable=%d "
                + "conversation_reads=%d failed=%d longest_failing=%.1fs queue_reads=%d failed=%d longest_failing=%.1fs%n",
                plan, rebalances.size(), seconds(rebalances, false), seconds(rebalances, true),
                rebalances.stream().filter(r -> !r.settled()).count(), reader.conversationReads().reads(),
                reader.conversationReads().failed(), reader.conversationReads().longestFailingSeconds(),
                reader.queueReads().reads(), reader.queueReads().failed(), reader.queueReads().longestFailingSeconds());
        out.flush();
        boolean stable = rebalances.stream().allMatch(Scaler.Rebalance::settled);
        return findings.clean() && stable && findings.messages() > 0 ? 0 : 1;
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

    /** The mean (or the longest) time to a stable group over the scale events, in seconds. */
    private static double seconds(List<Scaler.Rebalance> rebalances, boolean max) {
        var millis = rebalances.stream().mapToLong(r -> r.stable().toMillis());
        return (max ? millis.max().orElse(0) : millis.average().orElse(0)) / 1000.0;
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
}
