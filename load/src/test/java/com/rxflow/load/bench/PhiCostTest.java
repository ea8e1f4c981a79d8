package com.rxflow.load.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.rxflow.load.bench.BenchResults.Latency;
import com.rxflow.load.bench.BenchResults.Phase;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Run;

/** The summary of {@code rxflow bench --encrypt-phi both}: each guarantee and rate, clear against sealed. */
class PhiCostTest {

    @Test
    void eachRateRunBothWaysIsComparedWithinItsGuaranteeAndCpuCountsTheServicesAndTheJvmNotTheDriver() {
        List<Run> runs = List.of(
                Run.of(BenchCommand.EOS, false, List.of(point(20, 40, 120, 10.0), point(40, 50, 200, 9.0)), true),
                Run.of(BenchCommand.ALOS, false, List.of(point(20, 30, 90, 8.0)), false),
                Run.of(BenchCommand.EOS, true, List.of(point(20, 46, 150, 12.0)), true));

        assertThat(PhiCost.of(runs)).singleElement().satisfies(d -> {
            assertThat(d.guarantee()).isEqualTo(BenchCommand.EOS);
            assertThat(d.rate()).isEqualTo(20);
            assertThat(d.p50Clear()).isCloseTo(40, within(0.1));
            assertThat(d.p50Sealed()).isCloseTo(46, within(0.1));
            assertThat(d.p99Clear()).isCloseTo(120, within(0.1));
            assertThat(d.p99Sealed()).isCloseTo(150, within(0.1));
            assertThat(d.cpuMsClear()).isEqualTo(10.0 + 2.0);
            assertThat(d.cpuMsSealed()).isEqualTo(12.0 + 2.0);
        });
        // the histograms keep three significant digits: 120 ms reads as 120.06
        assertThat(PhiCost.render(runs)).startsWith("PHI sealed vs clear, EOS @ 20.0/s: p50 40.0 -> 46.0 ms (+6.0, +15 %);")
                .contains("p99 120 -> 150 ms (+").contains(", +25 %)")
                .endsWith("CPU per turn (services, gc, jit) 12.0 -> 14.0 ms (+2.0, +17 %)" + System.lineSeparator());
    }

    @Test
    void aRunWithoutItsOtherLegPrintsNothing() {
        assertThat(PhiCost.render(List.of(Run.of(BenchCommand.EOS, false, List.of(point(20, 40, 120, 10.0)), false))))
                .isEmpty();
        assertThat(Run.of(BenchCommand.EOS, true, List.of(), false).label()).isEqualTo("EOS+PHI");
    }

    /** A phase whose turns took p50 and p99 as given, with CPU per turn for a service, the JVM and the driver. */
    private static RatePoint point(double rate, long p50Ms, long p99Ms, double serviceCpuMs) {
        Histogram rx = new Histogram(1, 300_000_000L, 3);
        for (int i = 0; i < 100; i++) {
            rx.recordValue((i >= 98 ? p99Ms : p50Ms) * 1000);
        }
        Phase rxflow = new Phase("RxFlow", rate, 10, 100, 100, 0, Map.of(), 10, Latency.of(rx), Map.of(), Map.of(), 0,
                Map.of(), Map.of("conversation-processor", serviceCpuMs, InProcessResources.JVM, 2.0,
                        InProcessResources.DRIVER, 5.0), Map.of());
        Phase floor = new Phase("Kafka floor", rate, 10, 100, 100, 0, Map.of(), 10, Latency.of(rx), Map.of(), Map.of(),
                0, Map.of(), Map.of(), Map.of());
        return RatePoint.of(rate, rxflow, floor, 250);
    }
}
