package com.rxflow.load.bench;

import static com.rxflow.load.bench.BenchCommand.ALOS;
import static com.rxflow.load.bench.BenchCommand.EOS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.rxflow.launcher.channel.ChannelAssertions;
import com.rxflow.load.bench.LoadDriver.Scenario;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rxflow bench}'s options (a mixin of {@link BenchCommand}) and what they mean: the plan of
 * the run, the {@code --set} properties by service, how the simulated patients sign their
 * assertions, and the settings the report records. A value the bench cannot use is a usage error.
 */
final class BenchOptions {

    @Spec(Spec.Target.MIXEE)
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

    Path out() {
        return out;
    }

    Path dataDir() {
        return dataDir;
    }

    URI gatewayUrl() {
        return gatewayUrl;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Map<String, URI> serviceUrls() {
        return serviceUrls;
    }

    String apiKey() {
        return apiKey;
    }

    int waitSeconds() {
        return waitSeconds;
    }

    int floorPayload() {
        return floorPayload;
    }

    double p99Bound() {
        return p99Bound;
    }

    /** The plan of this run: the options, with --quick's or the full run's defaults where not given. */
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
    Map<String, Map<String, Object>> serviceSettings() {
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

    /** How the simulated patients' assertions are signed: --assertion-key, or the development key. */
    ChannelAssertions assertions() {
        try {
            return assertionKey == null ? ChannelAssertions.development(clientId)
                    : ChannelAssertions.fromPemFile(clientId, assertionKey);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --assertion-key " + assertionKey, e);
        }
    }

    /** The settings the report records. */
    Map<String, Object> settings(BenchPlan plan) {
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
