package com.rxflow.load.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import com.rxflow.load.bench.BenchResults.Latency;
import com.rxflow.load.bench.BenchResults.Phase;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Report;
import com.rxflow.load.bench.BenchResults.Run;

/** The one-screen summary {@code rxflow bench} prints at the end. */
final class Summary {

    private Summary() {
    }

    static String render(Report report, BenchPlan plan, double p99Bound, Path json, Path html) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nRxFlow bench %s: %s, %s cores, %d patients, %d s per rate after %d s warm-up"
                + " (floor %d s)%n", report.startedAt(), report.settings().get("target"), report.machine().get("cores"),
                plan.patients(), plan.duration(), plan.warmup(), plan.floorDuration()));
        s.append(String.format(Locale.ROOT, "%-8s %7s %-7s %7s %6s %8s %8s %8s %8s %8s  %s%n", "guar.", "rate/s", "system",
                "turns", "errors", "tput/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "vs floor (p50, p99)"));
        for (Run run : report.runs()) {
            for (RatePoint point : run.points()) {
                line(s, run.label(), point.rate(), point.rxflow(),
                        String.format(Locale.ROOT, "%s× %s×", HtmlReport.fmt(point.p50Ratio()), HtmlReport.fmt(point.p99Ratio())));
                line(s, "", point.rate(), point.floor(), "");
            }
            if (plan.ramp()) {
                s.append(String.format(Locale.ROOT, "  knee (p99 <= %s ms, no errors) for %s: %s%n", HtmlReport.fmt(p99Bound),
                        run.label(), run.kneeRate() == null ? "below the first rate" : HtmlReport.fmt(run.kneeRate())
                                + " turns/s"));
            }
        }
        for (Run run : report.runs()) {
            if (run.points().isEmpty()) {
                continue;
            }
            RatePoint first = run.points().get(0);
            s.append(String.format(Locale.ROOT, "%s @ %s/s, by turn (p50/p99 ms):", run.label(),
                    HtmlReport.fmt(first.rate())));
            for (Map.Entry<String, Latency> kind : first.rxflow().byKind().entrySet()) {
                s.append(String.format(Locale.ROOT, " %s %s/%s;", kind.getKey(), HtmlReport.fmt(kind.getValue().p50()),
                        HtmlReport.fmt(kind.getValue().p99())));
            }
            s.append(System.lineSeparator()).append("  CPU cores busy (ms per turn):");
            first.rxflow().resources().forEach((service, usage) -> s.append(String.format(Locale.ROOT, " %s %.2f (%s);",
                    service, usage.cpuCores(), HtmlReport.fmt(first.rxflow().cpuMillisPerTurn().getOrDefault(service, 0.0)))));
            double heap = first.rxflow().resources().values().stream().mapToDouble(ResourceMonitor.Usage::heapMaxMb).max()
                    .orElse(0);
            s.append(String.format(Locale.ROOT, "%n  heap max %s MiB; outcomes %s%n", HtmlReport.fmt(heap),
                    first.rxflow().outcomes()));
            if (!first.rxflow().offsetsPerTurn().isEmpty()) {
                double total = first.rxflow().offsetsPerTurn().values().stream().mapToDouble(Double::doubleValue).sum();
                s.append(String.format(Locale.ROOT, "  offsets per turn (records and markers): %s in all, %s%n",
                        HtmlReport.fmt(total), first.rxflow().offsetsPerTurn()));
            }
            if (first.rxflow().errors() > 0) {
                s.append("  errors: ").append(first.rxflow().errorKinds()).append(System.lineSeparator());
            }
        }
        s.append(PhiCost.render(report.runs()));
        s.append("JSON: ").append(json).append(System.lineSeparator()).append("Chart: ").append(html)
                .append(System.lineSeparator());
        return s.toString();
    }

    private static void line(StringBuilder s, String label, double rate, Phase phase, String ratio) {
        s.append(String.format(Locale.ROOT, "%-8s %7s %-7s %7d %6d %8s %8s %8s %8s %8s  %s%n",
                label, HtmlReport.fmt(rate),
                phase.system().equals("RxFlow") ? "RxFlow" : "floor", phase.completed(), phase.errors(),
                HtmlReport.fmt(phase.throughput()), HtmlReport.fmt(phase.latency().p50()),
                HtmlReport.fmt(phase.latency().p95()), HtmlReport.fmt(phase.latency().p99()),
                HtmlReport.fmt(phase.latency().max()), ratio));
    }
}
