package com.rxflow.load.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** What {@code rxflow bench} measured, as written to its JSON file and drawn in its chart. */
final class BenchResults {

    /** Percentiles drawn in the chart and kept in the JSON, enough for a percentile spectrum. */
    static final double[] SPECTRUM = {0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.75, 99.9, 99.95, 99.99, 100};

    private BenchResults() {
    }

    /** Latency percentiles in milliseconds. */
    record Latency(long count, double mean, double p50, double p90, double p95, double p99, double p999, double max,
            Map<String, Double> spectrum) {

        static Latency of(Histogram micros) {
            Map<String, Double> spectrum = new LinkedHashMap<>();
            for (double p : SPECTRUM) {
                spectrum.put(String.valueOf(p), ms(micros.getValueAtPercentile(p)));
            }
            return new Latency(micros.getTotalCount(), micros.getTotalCount() == 0 ? 0 : round(micros.getMean() / 1000.0),
                    ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                    ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)),
                    ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), spectrum);
        }

        private static double ms(long micros) {
            return round(micros / 1000.0);
        }
    }

    /**
     * One measured phase of one system (RxFlow's turns, or the Kafka floor) at one rate.
     *
     * @param offeredRate the intended arrival rate (per second)
     * @param throughput  answered turns per second of the phase
     * @param offsetsPerTurn how far each topic's offsets advanced per answered turn (records and transaction markers)
     */
    record Phase(String system, double offeredRate, double seconds, long sent, long completed, long errors,
            Map<String, Long> errorKinds, double throughput, Latency latency, Map<String, Latency> byKind,
            Map<String, Long> outcomes, long poolMisses, Map<String, ResourceMonitor.Usage> resources,
            Map<String, Double> cpuMillisPerTurn, Map<String, Double> offsetsPerTurn) {

        static Phase of(String system, double rate, double seconds, long sent, LatencyRecorder all,
                Map<String, LatencyRecorder> byKind, Map<String, Long> outcomes, long poolMisses,
                Map<String, ResourceMonitor.Usage> resources, Map<String, Double> offsetsPerTurn) {
            Map<String, Latency> kinds = new LinkedHashMap<>();
            byKind.forEach((kind, recorder) -> kinds.put(kind, Latency.of(recorder.snapshot())));
            long completed = all.count();
            Map<String, Double> perTurn = new LinkedHashMap<>();
            resources.forEach((service, usage) -> perTurn.put(service,
                    completed == 0 ? 0 : round(usage.cpuSeconds() * 1000 / completed)));
            return new Phase(system, rate, round(seconds), sent, completed, all.errorCount(), all.errors(),
                    round(completed / seconds), Latency.of(all.snapshot()), kinds, outcomes, poolMisses,
                    resources, perTurn, offsetsPerTurn);
        }
    }

    /** RxFlow and the floor at one offered rate, and RxFlow's latency as multiples of the floor's. */
    record RatePoint(double rate, Phase rxflow, Phase floor, double p50Ratio, double p99Ratio, boolean withinBound) {

        static RatePoint of(double rate, Phase rxflow, Phase floor, double p99BoundMs) {
            return new RatePoint(rate, rxflow, floor, ratio(rxflow.latency().p50(), floor.latency().p50()),
                    ratio(rxflow.latency().p99(), floor.latency().p99()),
                    rxflow.latency().p99() <= p99BoundMs && rxflow.errors() == 0 && rxflow.completed() > 0);
        }

        private static double ratio(double value, double floor) {
            return floor <= 0 ? 0 : round(value / floor);
        }
    }

    /**
     * The runs with one processing guarantee, PHI encryption on or off: one rate, or a ramp and its knee.
     *
     * @param phiSealed the services sealed PHI fields ({@code rxflow.phi.encryption.enabled}) in this run
     */
    record Run(String guarantee, boolean phiSealed, List<RatePoint> points, Double kneeRate) {

        static Run of(String guarantee, List<RatePoint> points, boolean ramp) {
            return of(guarantee, false, points, ramp);
        }

        static Run of(String guarantee, boolean phiSealed, List<RatePoint> points, boolean ramp) {
            Double knee = null;
            if (ramp) {
                for (RatePoint point : points) {
                    if (!point.withinBound()) {
                        break;
                    }
                    knee = point.rate();
                }
            }
            return new Run(guarantee, phiSealed, new ArrayList<>(points), knee);
        }

        /** The guarantee, with {@code , PHI sealed} when PHI was sealed. */
        String name() {
            return guarantee + (phiSealed ? ", PHI sealed" : "");
        }

        /** EOS or ALOS, with {@code +PHI} when PHI was sealed. */
        String label() {
            return BenchCommand.shortName(guarantee) + (phiSealed ? "+PHI" : "");
        }
    }

    /** The whole benchmark: where and how it ran, and its runs. */
    record Report(String startedAt, Map<String, Object> machine, Map<String, Object> settings, List<Run> runs) {

        /** The machine the run was on, as the report shows it. */
        static Map<String, Object> thisMachine() {
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("cores", Runtime.getRuntime().availableProcessors());
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            machine.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1048576);
            machine.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
            machine.put("loadAverageAtEnd", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            return machine;
        }
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
