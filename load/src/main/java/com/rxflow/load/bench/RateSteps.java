package com.rxflow.load.bench;

import static com.rxflow.load.bench.BenchCommand.EOS;
import static com.rxflow.load.bench.BenchCommand.shortName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.rxflow.load.bench.BenchResults.Phase;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Run;

/**
 * One run of {@code rxflow bench}, with the processor at one guarantee: at each of the plan's rates
 * in turn, the Kafka floor on the same broker and then RxFlow, each warmed up and then measured; a
 * ramp stops at the first rate over the p99 bound.
 */
final class RateSteps {

    /** The warm-up offers a quarter of the rate, then half, three quarters and all of it. */
    private static final int WARMUP_STEPS = 4;

    private final BenchOptions options;
    private final BenchPlan plan;
    private final BenchTarget target;
    private final PatientBook book;
    private final Progress progress;

    RateSteps(BenchOptions options, BenchPlan plan, BenchTarget target, PatientBook book, Progress progress) {
        this.options = options;
        this.plan = plan;
        this.target = target;
        this.book = book;
        this.progress = progress;
    }

    /** The run at {@code processing}, with PHI sealed or not, as the target now runs. */
    Run run(String processing, boolean sealed) {
        List<RatePoint> points = new ArrayList<>();
        try (LoadDriver driver = new LoadDriver(target.gateway(), options.apiKey(), options.assertions(),
                options.waitSeconds(), book, plan.mix())) {
            boolean first = true;
            for (double offered : plan.rates()) {
                Phase floor = floor(processing, offered);
                Phase rxflow = rxflow(driver, shortName(processing) + (sealed ? "+PHI" : ""), offered,
                        first ? plan.warmup() : Math.min(plan.warmup(), 5));
                RatePoint point = RatePoint.of(offered, rxflow, floor, options.p99Bound());
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

    private Phase floor(String processing, double offered) {
        try (KafkaFloor floor = new KafkaFloor(target.bootstrapServers(), EOS.equals(processing),
                FloorSettings.of(options.serviceSettings()), options.floorPayload(), 3)) {
            floor.start();
            runFloor(floor, offered, Math.min(plan.warmup(), 3), new LatencyRecorder(), "floor warm-up");
            LatencyRecorder measured = new LatencyRecorder();
            long sent = runFloor(floor, offered, plan.floorDuration(), measured,
                    "floor " + shortName(processing) + " @ " + HtmlReport.fmt(offered) + "/s");
            progress.done();
            return Phase.of("Kafka floor", offered, plan.floorDuration(), sent, measured, Map.of(), Map.of(), 0, Map.of(),
                    Map.of());
        }
    }

    /** The floor's open-loop schedule, the same as the turns': sends by intended time, latency from that time. */
    private long runFloor(KafkaFloor floor, double offered, int seconds, LatencyRecorder recorder, String label) {
        floor.recordInto(recorder);
        AtomicLong sent = new AtomicLong();
        progress.phase(label, seconds, recorder, sent::get, floor::inFlight);
        return OpenLoop.run(offered, Duration.ofSeconds(seconds), intended -> floor.send(sent.getAndIncrement(), intended),
                floor::inFlight, Duration.ofSeconds(30));
    }

    private Phase rxflow(LoadDriver driver, String runLabel, double offered, int warmupSeconds) {
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
}
