package com.rxflow.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class RxflowCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void showsUsageForACommandItDoesNotKnow() {
        assertThat(run("xyzzy")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unmatched argument", "'xyzzy'", "Usage: rxflow", "up", "chat", "token",
                "patient-event", "audit", "service", "broker");
    }

    @Test
    void showsUsageWithoutACommand() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing command", "Usage: rxflow");
    }

    @Test
    void documentsTheOptionsOfUpWithTheirDefaults() {
        assertThat(run("up", "--help")).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(out.toString()).contains("--data-dir", ".rxflow", "--broker-port", "9092", "--auth-port", "9000",
                "--gateway-port", "8080", "--escalation-port", "8081", "--processor-port", "8082",
                "--tools-port", "8083");
    }

    @Test
    void documentsTheOptionsOfChatWithTheirDefaults() {
        assertThat(run("chat", "--help")).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(out.toString()).contains("--gateway", "http://localhost:8080", "--issuer", "http://localhost:9000",
                "--user", "john", "--password", "--device", "--wait");
    }

    @Test
    void documentsThatTheTokenCommandFillsInDemoPasswordsOnlyLocally() {
        assertThat(run("token", "--help")).isEqualTo(CommandLine.ExitCode.OK);
        assertThat(out.toString()).contains("--user", "john", "--password", "--device", "--issuer",
                "http://localhost:9000", "never sent to an issuer that is not on this machine");
    }

    @Test
    void runsOnlyServicesItKnows() {
        assertThat(run("service", "billing")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("No service called billing", "conversation-processor");
    }

    @Test
    void chatSaysWhyWhenItCannotSignIn() {
        assertThat(run("chat", "--issuer", "http://127.0.0.1:9", "--gateway", "http://127.0.0.1:9")).isEqualTo(1);
        assertThat(err.toString()).contains("rxflow chat: cannot reach the sign-in server at http://127.0.0.1:9",
                "Is './rxflow up' running?");
    }

    @Test
    void reportsWhyUpCouldNotStartWithoutAStackTrace() {
        assertThat(run("up", "--broker-port", "70000")).isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("rxflow up: Not a TCP port: 70000").doesNotContain("\tat ");
    }

    private int run(String... args) {
        return RxflowCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }
}
