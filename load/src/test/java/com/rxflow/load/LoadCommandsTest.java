package com.rxflow.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import com.rxflow.launcher.RxflowCli;

import picocli.CommandLine;

/** {@code rxflow bench} and {@code rxflow chaos} as the launcher's command line finds them on the classpath. */
class LoadCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void theUsageListsBenchAndChaosAmongTheLaunchersCommands() {
        assertThat(run("xyzzy")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Usage: rxflow", "up", "chat", "token", "patient-event", "bench", "chaos",
                "audit", "service", "broker");
        String usage = err.toString();
        assertThat(usage.indexOf("channel-assertion")).isLessThan(usage.indexOf(" bench"));
        assertThat(usage.indexOf(" bench")).isLessThan(usage.indexOf(" chaos"));
        assertThat(usage.indexOf(" chaos")).isLessThan(usage.indexOf(" audit"));
    }

    @Test
    void documentsTheBenchmarkAndTheFaultHarness() {
        assertThat(run("bench", "--help")).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(out.toString()).contains("--quick", "--rate", "--ramp", "--p99-bound", "250", "--guarantee", "both",
                "--gateway-url", "--set", "target/bench");
        assertThat(run("chaos", "--help")).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(out.toString()).contains("--kills", "--broker-restarts", "--seed", "--settle", "--instances",
                "--scale-events");
    }

    @Test
    void refusesABenchRampItCannotRead() {
        assertThat(run("bench", "--ramp", "fast")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--ramp is FROM:TO:STEP");
    }

    private int run(String... args) {
        return RxflowCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
