package com.rxflow.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.rxflow.launcher.RxflowCli;
import com.rxflow.launcher.RxflowServices;

import picocli.CommandLine;

/** The chaos harness's parts that need no broker: the instance plan, the patients' gateways, the schedule. */
class ChaosPiecesTest {

    private static final URI FIRST = URI.create("http://localhost:1001");
    private static final URI SECOND = URI.create("http://localhost:1002");
    private static final URI THIRD = URI.create("http://localhost:1003");

    @Test
    void anInstancePlanTakesShortAndFullNamesAndRunsTheServicesLeftOutOnce() {
        InstancePlan plan = InstancePlan.parse("processor=3, tools-service=2,gateway=2");

        assertThat(plan.count(RxflowServices.PROCESSOR)).isEqualTo(3);
        assertThat(plan.count(RxflowServices.TOOLS)).isEqualTo(2);
        assertThat(plan.count(RxflowServices.GATEWAY)).isEqualTo(2);
        assertThat(plan.count(RxflowServices.ESCALATION)).isEqualTo(1);
        assertThat(plan.several()).isTrue();
        assertThat(plan).hasToString("processor=3,tools=2,escalation=1,gateway=2");
        assertThat(InstancePlan.parse(plan.toString())).isEqualTo(plan);
    }

    @Test
    void theDefaultPlanRunsOneOfEachService() {
        InstancePlan single = InstancePlan.single();

        assertThat(InstancePlan.SCALABLE).allSatisfy(service -> assertThat(single.count(service)).isEqualTo(1));
        assertThat(single.several()).isFalse();
    }

    @Test
    void anInstancePlanRefusesUnknownServicesWrongCountsAndRepeats() {
        assertThatThrownBy(() -> InstancePlan.parse("auth-server=2")).hasMessageContaining("no service 'auth-server'");
        assertThatThrownBy(() -> InstancePlan.parse("processor=0")).hasMessageContaining("1 to 5");
        assertThatThrownBy(() -> InstancePlan.parse("processor=many")).hasMessageContaining("not 'many'");
        assertThatThrownBy(() -> InstancePlan.parse("processor")).hasMessageContaining("is not NAME=COUNT");
        assertThatThrownBy(() -> InstancePlan.parse("tools=2,tools-service=3")).hasMessageContaining("given twice");
    }

    @Test
    void theChaosCommandRefusesABadInstancesOptionAsAUsageError() {
        StringWriter err = new StringWriter();

        int exit = RxflowCli.commandLine().setErr(new PrintWriter(err, true)).execute("chaos", "--instances", "processor=9");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--instances", "the count must be 1 to 5");
    }

    @Test
    void patientsAreSpreadEvenlyOverTheGatewaysAndStickToTheirs() {
        GatewayAssignment assignment = new GatewayAssignment(List.of(FIRST, SECOND, THIRD));

        Map<URI, Integer> load = new HashMap<>();
        IntStream.range(0, 12).forEach(i -> load.merge(assignment.gatewayOf("patient-" + i), 1, Integer::sum));

        assertThat(load).containsOnly(Map.entry(FIRST, 4), Map.entry(SECOND, 4), Map.entry(THIRD, 4));
        assertThat(IntStream.range(0, 12).mapToObj(i -> assignment.gatewayOf("patient-" + i)).toList())
                .isEqualTo(IntStream.range(0, 12).mapToObj(i -> assignment.gatewayOf("patient-" + i)).toList());
    }

    @Test
    void aPatientWhoseGatewayIsDownMovesToTheNextAndStaysThere() {
        GatewayAssignment assignment = new GatewayAssignment(List.of(FIRST, SECOND));
        assertThat(assignment.gatewayOf("ann")).isEqualTo(FIRST);
        assertThat(assignment.gatewayOf("bob")).isEqualTo(SECOND);

        assertThat(assignment.moveOff("ann", FIRST)).isEqualTo(SECOND);
        // a second request of hers that failed on the old gateway does not move her again
        assertThat(assignment.moveOff("ann", FIRST)).isEqualTo(SECOND);

        assertThat(assignment.gatewayOf("ann")).isEqualTo(SECOND);
        assertThat(assignment.gatewayOf("bob")).isEqualTo(SECOND);
        assertThat(assignment.moveOff("ann", SECOND)).isEqualTo(FIRST);
    }

    @Test
    void withOneGatewayEveryPatientStaysOnIt() {
        GatewayAssignment assignment = new GatewayAssignment(List.of(FIRST));

        assertThat(assignment.gatewayOf("ann")).isEqualTo(FIRST);
        assertThat(assignment.moveOff("ann", FIRST)).isEqualTo(FIRST);
    }

    @Test
    void theScheduleSpreadsBrokerRestartsAndScaleEventsAmongTheKills() {
        List<ChaosEvent> schedule = ChaosEvent.schedule(20, 1, 4);

        assertThat(schedule).hasSize(25);
        assertThat(Collections.frequency(schedule, ChaosEvent.KILL)).isEqualTo(20);
        assertThat(Collections.frequency(schedule, ChaosEvent.BROKER_RESTART)).isEqualTo(1);
        assertThat(Collections.frequency(schedule, ChaosEvent.SCALE)).isEqualTo(4);
        List<Integer> scales = IntStream.range(0, 25).filter(i -> schedule.get(i) == ChaosEvent.SCALE).boxed().toList();
        assertThat(scales).allSatisfy(at -> assertThat(at).isBetween(1, 24));
        IntStream.range(1, scales.size()).forEach(i -> assertThat(scales.get(i) - scales.get(i - 1)).isGreaterThan(3));
    }

    @Test
    void scaleOutsTakeTheStreamsServicesInTurnSoTwoOfThemScaleBoth() {
        for (int first = 0; first < InstancePlan.STREAMS.size(); first++) {
            int from = first;
            assertThat(IntStream.range(0, InstancePlan.STREAMS.size()).mapToObj(n -> Scaler.serviceOf(n, from)))
                    .containsExactlyInAnyOrderElementsOf(InstancePlan.STREAMS);
        }
    }

    @Test
    void withoutScaleEventsTheBrokerRestartsWhereItAlwaysDid() {
        assertThat(ChaosEvent.schedule(2, 1, 0)).containsExactly(ChaosEvent.KILL, ChaosEvent.BROKER_RESTART, ChaosEvent.KILL);
        assertThat(ChaosEvent.schedule(3, 0, 0)).containsOnly(ChaosEvent.KILL);
    }

    @Test
    void aFailingStretchLastsFromTheFirstFailedReadToTheNextReadThatAnswered() throws InterruptedException {
        QueryReader.Tally tally = new QueryReader.Tally();
        tally.record(true);
        tally.record(false);
        Thread.sleep(60);
        tally.record(false);
        Thread.sleep(60);
        tally.record(true);
        tally.record(false);
        tally.record(true);

        assertThat(tally.reads()).isEqualTo(6);
        assertThat(tally.failed()).isEqualTo(3);
        assertThat(tally.longestFailingSeconds()).isBetween(0.12, 5.0);
    }
}
