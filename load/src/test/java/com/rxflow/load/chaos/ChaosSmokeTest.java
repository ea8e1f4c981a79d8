package com.rxflow.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rxflow.launcher.RxflowCli;

/**
 * A short {@code rxflow chaos}: the broker and the four services each in a JVM of their own, two
 * services killed with SIGKILL and the broker restarted once while patients talk; the invariants
 * must hold (nothing lost, duplicated or reordered, nothing stuck, the state rebuilt from the
 * changelog equal to the live one). It takes a minute or two: five JVMs start on this machine.
 */
class ChaosSmokeTest {

    @Test
    void killsAndABrokerRestartLoseNothingAndDuplicateNothing() {
        StringWriter console = new StringWriter();

        int exit = RxflowCli.commandLine().setOut(new PrintWriter(console, true))
                .setErr(new PrintWriter(console, true))
                .execute("chaos", "--kills", "2", "--broker-restarts", "1", "--patients", "4", "--interval", "1:3",
                        "--seed", "7", "--data-dir", Path.of("target", "chaos-smoke", UUID.randomUUID().toString()).toString());

        assertThat(console.toString()).contains("kills=2 broker_restarts=1", "lost=0 duplicated=0 out_of_order=0 stuck=0",
                "state_mismatch=0 duplicate_orders=0");
        assertThat(exit).as(console.toString()).isZero();
    }
}
