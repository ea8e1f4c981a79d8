package com.rxflow.load.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.rxflow.launcher.PluggedCommand;
import com.rxflow.launcher.channel.ChannelAssertions;
import com.rxflow.load.bench.BenchResults.Phase;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Report;
import com.rxflow.load.bench.BenchResults.Run;
import com.rxflow.load.bench.LoadDriver.Scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow bench}: how fast is a turn under load, and what Kafka itself would cost. Starts the
 * embedded stack (or targets a running one), drives simulated patients through the gateway at an
 * open-loop rate, and in the same run measures the Kafka floor on the same broker; with each
 * processing guarantee of the processor in turn. Writes a JSON file and an HTML chart under
 * {@code --out} and prints a one-screen summary.
 */
@Command(name = "bench", showDefaultValues = true, sortOptions = false,
        description = {"Load benchmark: turn latency under an open-loop rate, against the Kafka floor measured in the "
                + "same run, with the processor at exactly_once_v2 and at_least_once.",
                "Examples: rxflow bench --quick | rxflow bench --rate 100 --duration 60 | rxflow bench --ramp 50:500:50"
                + " | rxflow bench --quick --guarantee eos --encrypt-phi both"})
public final class BenchCommand implements Callable<Integer>, PluggedCommand {

    static final String EOS = "exactly_once_v2";
    static final String ALOS = "at_least_once";

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "A short run (under a minute on a quiet machine): rate 40/s, 6 s per phase, 200 patients.")
    private boolean quick;

    @Option(names = "--rate", paramLabel = "TURNS/S", description = "Offered turns per second (default 100, --quick 40).")
    private Double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured seconds per rate (default 60, --quick 6).")
    private Integer duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Unmeasured seconds before the first measurement, the rate rising in four steps (default 60, --quick 2).")
    private Integer warmup;

    @Option(names = "--floor-duration", paramLabel = "SECONDS", description = "Measured seconds of the Kafka floor per rate (default 30, --quick 3).")
    private Integer floorDuration;

    @Option(names = "--ramp", paramLabel = "FROM:TO:STEP", description = "Find the knee: rates FROM to TO by STEP "
            + "(or a comma list), each for --duration, until p99 exceeds --p99-bound.")
    private String ramp;

    @Option(names = "--p99-bound", paramLabel = "MS", defaultValue = "250", description = "The ramp's bound on p99.")
    private double p99Bound;

    @Option(names = "--guarantee", paramLabel = "eos|alos|both", defaultValue = "both",
            description = "The processor's processing guarantee(s) to run (embedded stack only).")
    private String guarantee;

    @Option(names = "--encrypt-phi", paramLabel = "off|on|both", defaultValue = "off",
            description = "PHI encryption of the services (embedded stack only; both: the whole run in the clear, then "
                    + "sealed, and the difference in p50, p99 and CPU per turn).")
    private String encryptPhi;

    @Option(names = "--patients", paramLabel = "N", description = "Synthetic patients (default 1000, --quick 200).")
    private Integer patients;

    @Option(names = "--mix", paramLabel = "refill=W,info=W,escalate=W", defaultValue = "refill=1,info=1,escalate=1",
            description = "Conversations of each scenario per round (a refill conversation has four turns).")
    private String mix;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30", description = "Prefer: wait of each turn.")
    private int waitSeconds;

    @Option(names = "--floor-payload", paramLabel = "BYTES", defaultValue = "700",
            description = "Size of the floor's records: the mean of a one-tool turn's four (PatientEvent 139 B, "
                    + "ToolCommand 236 B, ToolResult about 1.5 KB, ReplyEvent about 830 B).")
    private int floorPayload;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "target/bench", description = "Where the JSON and the chart go.")
    private Path out;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The embedded stack's data folder (default: a fresh one under --out, deleted afterwards).")
    private Path dataDir;

    @Option(names = "--set", paramLabel = "SERVICE:KEY=VALUE",
            description = "A property for one service of the embedded stack, e.g. "
                    + "conversation-processor:spring.kafka.streams.properties.commit.interval.ms=10 (repeatable).")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--gateway-url", paramLabel = "URL",
            description = "Target a running stack instead of starting one (its guarantee is whatever it runs).")
    private URI gatewayUrl;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "With --gateway-url: the broker the floor runs on.")
    private String bootstrapServers;

    @Option(names = "--service-url", paramLabel = "NAME=URL",
            description = "With --gateway-url: where a service's /actuator/metrics answers (default: the gateway's host,"
                    + " ports 8081 escalation-service, 8082 conversation-processor, 8083 tools-service).")
    private Map<String, URI> serviceUrls = new LinkedHashMap<>();

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:RXFLOW_API_KEY:-rxflow-local-dev}",
            description = "The channel key the simulated patients use.")
    private String apiKey;

    @Option(names = "--client-id", paramLabel = "ID", defaultValue = "${env:RXFLOW_CLIENT_ID:-local-dev}",
            description = "The id of the channel client the key belongs to (the patient assertions' issuer).")
    private String clientId;

    @Option(names = "--assertion-key", paramLabel = "FILE",
            description = "The channel's private key (PKCS#8 PEM) its patient assertions are signed with"
                    + " (default: the documented development key, accepted by a local stack only).")
    private Path assertionKey;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter progressOut = spec.commandLine().getErr();
        BenchPlan plan = plan();
        Files.createDirectories(out);
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        PatientBook book = PatientBook.synthetic(plan.patients());
        List<Run> runs = new ArrayList<>();
        try (Progress progress = new Progress(progressOut);
                BenchTarget target = gatewayUrl == null
                        ? BenchTarget.embedded(dataDir != null ? dataDir : out.resolve("stack-" + started),
                        dataDir == null, plan.patients(), serviceSettings(), progress)
                        : BenchTarget.remote(gatewayUrl, bootstrapServers, serviceUrls)) {
            for (boolean sealed : plan.phiLegs()) {
                target.usePhiEncryption(sealed, progress);
                for (String processing : plan.guarantees()) {
                    target.useGuarantee(processing, progress);
                    runs.add(runGuarantee(plan, processing, sealed, target, book, progress));
                }
            }
        }
        Report report = new Report(started, Report.thisMachine(), settings(plan), runs);
        Path json = out.resolve("bench-" + started + ".json");
        Path html = out.resolve("bench-" + started + ".html");
        Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(report), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReport.render(report, p99Bound), StandardCharsets.UTF_8);
        Files.copy(json, out.resolve("bench-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, out.resolve("bench-latest.html"), StandardCopyOption.REPLACE_EXISTING);
        console.print(Summary.render(report, plan, p99Bound, json, html));
        console.flush();
        boolean answered = runs.stream().flatMap(r -> r.points().stream()).allMatch(p -> p.rxflow().completed() > 0);
        return answered ? 0 : 1;
    }

    private ChannelAssertions assertions() {
        try {
            return assertionKey == null ? ChannelAssertions.development(clientId)
                    : ChannelAssertions.fromPemFile(clientId, assertionKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --assertion-key " + assertionKey, e);
        }
    }

    private Run runGuarantee(BenchPlan plan, String processing, boolean sealed, BenchTarget target, PatientBook book,
            Progress progress) {
        List<RatePoint> points = new ArrayList<>();
        try (LoadDriver driver = new LoadDriver(target.gateway(), apiKey, assertions(), waitSeconds, book, plan.mix())) {
            boolean first = true;
            for (double offered : plan.rates()) {
                Phase floor = floor(target, processing, offered, plan, progress);
                Phase rxflow = rxflow(driver, target, shortName(processing) + (sealed ? "+PHI" : ""), offered, plan,
                        first ? plan.warmup() : Math.min(plan.warmup(), 5), progress);
                RatePoint point = RatePoint.of(offered, rxflow, floor, p99Bound);
                points.add(point);
                progress.note(String.format(Locale.ROOT, "  %s%s @ %s/s: RxFlow p50 %s ms p99 %s ms (%d errors) | floor p50 %s ms"
                        + " p99 %s ms | ratio p50 %s× p99 %s×", processing, sealed ? " +PHI" : "", HtmlReport.fmt(offered),
                        HtmlReport.fmt(rxflow.latency().p50()), HtmlReport.fmt(rxflow.latency().p99()), rxflow.errors(),
                        HtmlReport.fmt(floor.latency().p50()), HtmlReport.fmt(floor.latency().p99()),
                        HtmlReport.fmt(point.p50Ratio()), HtmlReport.fmt(point.p99Ratio())));
                first = false;
                if (plan.ramp() && !point.withinBound()) {
                    break;
                }
            }
        }
        return Run.of(processing, sealed, points, plan.ramp());
    }

    private Phase floor(BenchTarget target, String processing, double offered, BenchPlan plan, Progress progress) {
        try (KafkaFloor floor = new KafkaFloor(target.bootstrapServers(), EOS.equals(processing),
                FloorSettings.of(serviceSettings()), floorPayload, 3)) {
            floor.start();
            runFloor(floor, offered, Math.min(plan.warmup(), 3), new LatencyRecorder(), "floor warm-up", progress);
            LatencyRecorder measured = new LatencyRecorder();
            long sent = runFloor(floor, offered, plan.floorDuration(), measured,
                    "floor " + shortName(processing) + " @ " + HtmlReport.fmt(offered) + "/s", progress);
            progress.done();
            return Phase.of("Kafka floor", offered, plan.floorDuration(), sent, measured, Map.of(), Map.of(), 0, Map.of(),
                    Map.of());
        }
    }

    /** The floor's open-loop schedule, the same as the turns': sends by intended time, latency from that time. */
    private static long runFloor(KafkaFloor floor, double offered, int seconds, LatencyRecorder recorder, String label,
            Progress progress) {
        floor.recordInto(recorder);
        AtomicLong sent = new AtomicLong();
        progress.phase(label, seconds, recorder, sent::get, floor::inFlight);
        return OpenLoop.run(offered, Duration.ofSeconds(seconds), intended -> floor.send(sent.getAndIncrement(), intended),
                floor::inFlight, Duration.ofSeconds(30));
    }

    /** The warm-up offers a quarter of the rate, then half, three quarters and all of it. */
    private static final int WARMUP_STEPS = 4;

    private Phase rxflow(LoadDriver driver, BenchTarget target, String runLabel, double offered, BenchPlan plan,
            int warmupSeconds, Progress progress) {
        String label = "RxFlow " + runLabel + " @ " + HtmlReport.fmt(offered) + "/s";
        int pool = (int) Math.max(20, Math.ceil(offered * 2));
        TurnStats warm = new TurnStats();
        progress.note("  opening " + pool + " conversations...");
        driver.prepare(pool, warm);
        if (warmupSeconds > 0) {
            // In steps up to the offered rate: a cold JVM met at once with the full rate spends the
            // warm-up compiling on saturated cores, and the queue it builds outlasts the warm-up
            // (EOS at 100 turns/s, measured: p50 1.7-8.5 s after 20 s of warm-up at the full rate,
            // 117 ms after 60 s in steps, 37 ms at the end of a ramp from 20 turns/s)
            progress.phase(label + " warm-up", warmupSeconds, warm.all, warm.sent::get, warm.inFlight::get);
            Duration step = Duration.ofMillis(warmupSeconds * 1000L / WARMUP_STEPS);
            for (int i = 1; i <= WARMUP_STEPS; i++) {
                driver.run(offered * i / WARMUP_STEPS, step, warm);
            }
        }
        TurnStats stats = new TurnStats();
        ResourceMonitor resources = target.resources();
        TopicTraffic traffic = new TopicTraffic(target.bootstrapServers());
        traffic.start();
        resources.start();
        progress.phase(label, plan.duration(), stats.all, stats.sent::get, stats.inFlight::get);
        long start = System.nanoTime();
        driver.run(offered, Duration.ofSeconds(plan.duration()), stats);
        double seconds = Math.max(plan.duration(), (System.nanoTime() - start) / 1e9);
        Map<String, ResourceMonitor.Usage> usage = resources.stop();
        progress.done();
        return Phase.of("RxFlow", offered, seconds, stats.sent.get(), stats.all, stats.byKind(), stats.outcomes(),
                stats.poolMisses.get(), usage, traffic.perTurn(stats.all.count()));
    }

    static String shortName(String processing) {
        return EOS.equals(processing) ? "EOS" : ALOS.equals(processing) ? "ALOS" : processing;
    }

    /** The plan of this run: the options, with --quick's or the full run's defaults where not given. */
    record BenchPlan(List<Double> rates, boolean ramp, int duration, int warmup, int floorDuration, int patients,
            List<String> guarantees, Map<Scenario, Integer> mix, List<Boolean> phiLegs) {
    }

    BenchPlan plan() {
        List<Double> rates = ramp == null ? List.of(rate != null ? rate : quick ? 40.0 : 100.0) : parseRamp(ramp);
        if (rates.isEmpty() || rates.stream().anyMatch(r -> r <= 0)) {
            throw new ParameterException(spec.commandLine(), "Rates must be positive: " + rates);
        }
        List<String> guarantees;
        switch (guarantee.toLowerCase(Locale.ROOT)) {
            case "eos", EOS -> guarantees = List.of(EOS);
            case "alos", ALOS -> guarantees = List.of(ALOS);
            case "both" -> guarantees = List.of(EOS, ALOS);
            default -> throw new ParameterException(spec.commandLine(), "--guarantee is eos, alos or both");
        }
        List<Boolean> phiLegs = switch (encryptPhi.toLowerCase(Locale.ROOT)) {
            case "off" -> List.of(false);
            case "on" -> List.of(true);
            case "both" -> List.of(false, true);
            default -> throw new ParameterException(spec.commandLine(), "--encrypt-phi is off, on or both");
        };
        if (gatewayUrl != null) {
            guarantees = List.of("as deployed");
            if (!"off".equalsIgnoreCase(encryptPhi)) {
                throw new ParameterException(spec.commandLine(), "--encrypt-phi is for the embedded stack; a running "
                        + "stack keeps the setting it was started with");
            }
        }
        return new BenchPlan(rates, ramp != null, positive(duration, quick ? 6 : 60, "--duration"),
                positive(warmup, quick ? 2 : 60, "--warmup"), positive(floorDuration, quick ? 3 : 30, "--floor-duration"),
                positive(patients, quick ? 200 : 1000, "--patients"), guarantees, parseMix(mix), phiLegs);
    }

    private int positive(Integer value, int otherwise, String option) {
        int chosen = value != null ? value : otherwise;
        if (chosen < 0 || (chosen == 0 && !"--warmup".equals(option))) {
            throw new ParameterException(spec.commandLine(), option + " must be positive");
        }
        return chosen;
    }

    private List<Double> parseRamp(String text) {
        List<Double> rates = new ArrayList<>();
        try {
            if (text.contains(":")) {
                String[] parts = text.split(":");
                double from = Double.parseDouble(parts[0]);
                double to = Double.parseDouble(parts[1]);
                double step = parts.length > 2 ? Double.parseDouble(parts[2]) : from;
                if (step <= 0) {
                    throw new NumberFormatException("step");
                }
                for (double r = from; r <= to + 1e-9; r += step) {
                    rates.add(r);
                }
            } else {
                for (String part : text.split(",")) {
                    rates.add(Double.parseDouble(part.strip()));
                }
            }
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--ramp is FROM:TO:STEP or a comma list of rates: " + text);
        }
        return rates;
    }

    private Map<Scenario, Integer> parseMix(String text) {
        Map<Scenario, Integer> weights = new EnumMap<>(Scenario.class);
        for (String part : text.split(",")) {
            String[] kv = part.split("=");
            try {
                weights.put(Scenario.valueOf(kv[0].strip().toUpperCase(Locale.ROOT)), Integer.parseInt(kv[1].strip()));
            } catch (RuntimeException e) {
                throw new ParameterException(spec.commandLine(), "--mix is refill=W,info=W,escalate=W: " + text);
            }
        }
        return weights;
    }

    /** --set values grouped by service. */
    private Map<String, Map<String, Object>> serviceSettings() {
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        for (String set : sets) {
            int colon = set.indexOf(':');
            int equals = set.indexOf('=', colon + 1);
            if (colon <= 0 || equals <= colon + 1) {
                throw new ParameterException(spec.commandLine(), "--set is SERVICE:KEY=VALUE: " + set);
            }
            settings.computeIfAbsent(set.substring(0, colon), s -> new LinkedHashMap<>())
                    .put(set.substring(colon + 1, equals), set.substring(equals + 1));
        }
        return settings;
    }

    private Map<String, Object> settings(BenchPlan plan) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("target", gatewayUrl == null ? "embedded stack (one JVM)" : gatewayUrl.toString());
        settings.put("rates", plan.rates());
        settings.put("ramp", plan.ramp());
        settings.put("p99BoundMs", p99Bound);
        settings.put("durationSeconds", plan.duration());
        settings.put("warmupSeconds", plan.warmup());
        settings.put("floorDurationSeconds", plan.floorDuration());
        settings.put("patients", plan.patients());
        settings.put("mix", plan.mix());
        settings.put("encryptPhi", encryptPhi);
        settings.put("waitSeconds", waitSeconds);
        settings.put("floorPayloadBytes", floorPayload);
        settings.put("set", sets);
        settings.put("floor", FloorSettings.of(serviceSettings()));
        return settings;
    }
}
