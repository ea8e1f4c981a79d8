package com.rxflow.load.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.rxflow.launcher.PluggedCommand;
import com.rxflow.load.bench.BenchResults.Report;
import com.rxflow.load.bench.BenchResults.Run;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    private BenchOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter progressOut = spec.commandLine().getErr();
        BenchPlan plan = options.plan();
        Files.createDirectories(options.out());
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        PatientBook book = PatientBook.synthetic(plan.patients());
        List<Run> runs = new ArrayList<>();
        try (Progress progress = new Progress(progressOut);
                BenchTarget target = target(plan, started, progress)) {
            RateSteps steps = new RateSteps(options, plan, target, book, progress);
            for (boolean sealed : plan.phiLegs()) {
                target.usePhiEncryption(sealed, progress);
                for (String processing : plan.guarantees()) {
                    target.useGuarantee(processing, progress);
                    runs.add(steps.run(processing, sealed));
                }
            }
        }
        Report report = new Report(started, Report.thisMachine(), options.settings(plan), runs);
        ReportFiles files = ReportFiles.write(report, options.out(), options.p99Bound());
        console.print(Summary.render(report, plan, options.p99Bound(), files.json(), files.html()));
        console.flush();
        boolean answered = runs.stream().flatMap(r -> r.points().stream()).allMatch(p -> p.rxflow().completed() > 0);
        return answered ? 0 : 1;
    }

    /** The embedded stack in --data-dir or a fresh folder under --out, or with --gateway-url the running one. */
    private BenchTarget target(BenchPlan plan, String started, Progress progress) {
        if (options.gatewayUrl() != null) {
            return BenchTarget.remote(options.gatewayUrl(), options.bootstrapServers(), options.serviceUrls());
        }
        Path dataDir = options.dataDir();
        return BenchTarget.embedded(dataDir != null ? dataDir : options.out().resolve("stack-" + started),
                dataDir == null, plan.patients(), options.serviceSettings(), progress);
    }

    static String shortName(String processing) {
        return EOS.equals(processing) ? "EOS" : ALOS.equals(processing) ? "ALOS" : processing;
    }
}
