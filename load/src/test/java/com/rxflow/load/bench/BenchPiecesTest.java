package com.rxflow.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import com.rxflow.launcher.LocalStack;
import com.rxflow.load.bench.BenchResults.Latency;
import com.rxflow.load.bench.BenchResults.Phase;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Report;
import com.rxflow.load.bench.BenchResults.Run;
import com.rxflow.load.bench.LoadDriver.Scenario;
import com.rxflow.load.bench.PatientBook.SimulatedPatient;

/** The benchmark's parts that need no broker: settings, scripts, the patients, the knee, the chart. */
class BenchPiecesTest {

    @Test
    void theFloorCopiesTheServicesOwnSettingsAndTheOverridesWin() {
        FloorSettings fromYml = FloorSettings.of(Map.of());
        assertThat(fromYml.processorThreads()).isPositive();
        assertThat(fromYml.toolsThreads()).isPositive();

        FloorSettings overridden = FloorSettings.of(Map.of(
                "tools-service", Map.of("rxflow.tools.listener.concurrency", "2",
                        "spring.kafka.producer.properties.retry.backoff.ms", "7"),
                "conversation-processor", Map.of("spring.kafka.streams.properties.num.stream.threads", "3")));
        assertThat(overridden).isEqualTo(new FloorSettings(3, fromYml.processorRetryBackoffMs(), 2, 7));
    }

    @Test
    void aRefillScriptAsksForThePatientsOwnMedicationAndEndsInAnOrder() {
        List<LoadDriver.Turn> script = LoadDriver.script(Scenario.REFILL, new SimulatedPatient("syn_000001",
                Optional.of("Omeprazole")));
        assertThat(script).extracting(LoadDriver.Turn::text).containsExactly("Refill my omeprazole", "yes",
                "the cheapest", "yes");
        assertThat(script).extracting(LoadDriver.Turn::expectedStep).containsExactly("CONFIRM_DOSAGE",
                "SELECT_PHARMACY", "CONFIRM_ORDER", "COMPLETE");
        assertThat(LoadDriver.script(Scenario.ESCALATE, new SimulatedPatient("syn_000002", Optional.empty())))
                .singleElement().satisfies(turn -> assertThat(turn.expectedStep()).isEqualTo("WITH_PHARMACIST"));
    }

    @Test
    void theSyntheticPatientsAreTheOnesToolsServiceServesAndSomeCanRefill() {
        PatientBook book = PatientBook.synthetic(100);
        assertThat(book.all()).hasSize(100).first().extracting(SimulatedPatient::id).isEqualTo("syn_000001");
        assertThat(book.refillable()).isNotEmpty().allSatisfy(p -> assertThat(p.refill()).isPresent());
        assertThat(PatientBook.synthetic(100).all()).isEqualTo(book.all());
    }

    @Test
    void theKneeIsTheHighestRateBeforeTheFirstOverTheBound() {
        Run run = Run.of("exactly_once_v2", List.of(point(50, 80), point(100, 120), point(150, 400), point(200, 90)), true);
        assertThat(run.kneeRate()).isEqualTo(100.0);
        assertThat(Run.of("x", List.of(point(50, 400)), true).kneeRate()).isNull();
    }

    @Test
    void theChartIsOnePageWithInlineSvgAndTheRatiosToTheFloor() {
        Report report = new Report("20260101-000000", Map.of("cores", 2), Map.of("rates", List.of(50, 100)),
                List.of(Run.of("exactly_once_v2", List.of(point(50, 80), point(100, 300)), true),
                        Run.of("at_least_once", List.of(point(50, 60)), true)));
        String html = HtmlReport.render(report, 250);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "RxFlow EOS", "floor ALOS", "Ramp",
                "knee (exactly_once_v2): 50.0 turns/s", "&times;").doesNotContain("<script");
    }

    @Test
    void everyThreadCountsForTheServiceWhoseThreadGroupStartedIt() throws Exception {
        AtomicReference<String> owner = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        ThreadGroup service = new ThreadGroup(LocalStack.groupName("tools-service"));
        new Thread(service, () -> {
            Thread child = new Thread(() -> {
                owner.set(InProcessResources.owner(Thread.currentThread()));
                done.countDown();
            });
            child.start();
        }).start();
        done.await();
        assertThat(owner.get()).isEqualTo("tools-service");
        assertThat(InProcessResources.owner(Thread.currentThread())).isEqualTo(InProcessResources.DRIVER);
    }

    private static RatePoint point(double rate, long p99Ms) {
        Histogram rx = new Histogram(1, 300_000_000L, 3);
        Histogram floor = new Histogram(1, 300_000_000L, 3);
        for (int i = 0; i < 100; i++) {
            rx.recordValue(i >= 95 ? p99Ms * 1000 : 40_000);
            floor.recordValue(10_000);
        }
        Phase rxflow = new Phase("RxFlow", rate, 10, 100, 100, 0, Map.of(), 10, Latency.of(rx), Map.of(), Map.of(), 0,
                Map.of("gateway", new ResourceMonitor.Usage(1, 0.1, -1, -1, -1, -1, "")), Map.of("gateway", 10.0),
                Map.of("rxflow.assistant-replies", 2.0));
        Phase kafka = new Phase("Kafka floor", rate, 10, 100, 100, 0, Map.of(), 10, Latency.of(floor), Map.of(),
                Map.of(), 0, Map.of(), Map.of(), Map.of());
        return RatePoint.of(rate, rxflow, kafka, 250);
    }

}
