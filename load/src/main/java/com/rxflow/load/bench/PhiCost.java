package com.rxflow.load.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.rxflow.launcher.RxflowServices;

import com.rxflow.load.bench.BenchResults.Phase;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Run;

/**
 * What sealing PHI costs a turn ({@code rxflow bench --encrypt-phi both}): for each guarantee and
 * rate measured both in the clear and sealed, the difference in p50, p99 and CPU per turn (the
 * four services and the JVM's garbage collector and compiler together; not the load driver or the broker).
 */
final class PhiCost {

    private PhiCost() {
    }

    /** One guarantee at one rate, clear against sealed. */
    record Difference(String guarantee, double rate, double p50Clear, double p50Sealed, double p99Clear,
            double p99Sealed, double cpuMsClear, double cpuMsSealed) {
    }

    static List<Difference> of(List<Run> runs) {
        List<Difference> differences = new ArrayList<>();
        for (Run clear : runs) {
            if (clear.phiSealed()) {
                continue;
            }
            for (Run sealed : runs) {
                if (!sealed.phiSealed() || !sealed.guarantee().equals(clear.guarantee())) {
                    continue;
                }
                for (RatePoint off : clear.points()) {
                    sealed.points().stream().filter(on -> on.rate() == off.rate()).findFirst()
                            .ifPresent(on -> differences.add(new Difference(clear.guarantee(), off.rate(),
                                    off.rxflow().latency().p50(), on.rxflow().latency().p50(),
                                    off.rxflow().latency().p99(), on.rxflow().latency().p99(),
                                    cpuPerTurn(off.rxflow()), cpuPerTurn(on.rxflow()))));
                }
            }
        }
        return differences;
    }

    /** The summary's lines, or nothing when no rate was run both ways. */
    static String render(List<Run> runs) {
        StringBuilder s = new StringBuilder();
        for (Difference d : of(runs)) {
            s.append(String.format(Locale.ROOT, "PHI sealed vs clear, %s @ %s/s: p50 %s -> %s ms (%s); p99 %s -> %s ms"
                    + " (%s); CPU per turn (services, gc, jit) %s -> %s ms (%s)%n", BenchCommand.shortName(d.guarantee()),
                    HtmlReport.fmt(d.rate()), HtmlReport.fmt(d.p50Clear()), HtmlReport.fmt(d.p50Sealed()),
                    change(d.p50Clear(), d.p50Sealed()), HtmlReport.fmt(d.p99Clear()), HtmlReport.fmt(d.p99Sealed()),
                    change(d.p99Clear(), d.p99Sealed()), HtmlReport.fmt(d.cpuMsClear()), HtmlReport.fmt(d.cpuMsSealed()),
                    change(d.cpuMsClear(), d.cpuMsSealed())));
        }
        return s.toString();
    }

    /** CPU milliseconds per turn of the four services and the JVM's own threads (gc, jit); not the driver's or the broker's. */
    static double cpuPerTurn(Phase phase) {
        return BenchResults.round(phase.cpuMillisPerTurn().entrySet().stream()
                .filter(e -> RxflowServices.NAMES.contains(e.getKey()) || InProcessResources.JVM.equals(e.getKey()))
                .mapToDouble(e -> e.getValue()).sum());
    }

    private static String change(double clear, double sealed) {
        String absolute = String.format(Locale.ROOT, "%+.1f", sealed - clear);
        return clear <= 0 ? absolute : absolute + String.format(Locale.ROOT, ", %+.0f %%", (sealed - clear) * 100 / clear);
    }
}
