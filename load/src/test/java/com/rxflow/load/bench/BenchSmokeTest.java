package com.rxflow.load.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.rxflow.launcher.RxflowCli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A seconds-long {@code rxflow bench} on the embedded stack: it runs both guarantees, the floor and
 * RxFlow answer, and the JSON, the chart and the summary are written. No timing is asserted: the
 * figures of a shared machine mean nothing here.
 */
class BenchSmokeTest {

    @Test
    void aTinyBenchRunsBothGuaranteesAgainstTheFloorAndWritesItsReport() throws Exception {
        Path out = Path.of("target", "bench-smoke", UUID.randomUUID().toString());
        StringWriter console = new StringWriter();
        StringWriter progress = new StringWriter();

        int exit = RxflowCli.commandLine().setOut(new PrintWriter(console, true))
                .setErr(new PrintWriter(progress, true))
                .execute("bench", "--rate", "4", "--duration", "3", "--warmup", "1", "--floor-duration", "2",
                        "--patients", "30", "--out", out.toString());

        assertThat(exit).as(console + "\n" + progress).isZero();
        assertThat(console.toString()).contains("RxFlow bench", "EOS", "ALOS", "floor", "vs floor", "CPU cores busy",
                "JSON: ", "Chart: ");
        assertThat(progress.toString()).contains("Starting the embedded stack",
                "Restarting the conversation processor with processing.guarantee=at_least_once");
        JsonNode report = JsonMapper.builder().build().readTree(out.resolve("bench-latest.json").toFile());
        assertThat(report.get("runs")).hasSize(2);
        for (JsonNode run : report.get("runs")) {
            JsonNode point = run.get("points").get(0);
            assertThat(point.get("rxflow").get("completed").asLong()).isPositive();
            assertThat(point.get("rxflow").get("errors").asLong()).as(point.get("rxflow").get("errorKinds").toString())
                    .isZero();
            assertThat(point.get("floor").get("completed").asLong()).isPositive();
            assertThat(point.get("p50Ratio").asDouble()).isPositive();
            assertThat(point.get("rxflow").get("resources").has("conversation-processor")).isTrue();
            assertThat(point.get("rxflow").get("resources").has("kafka")).isTrue();
        }
        assertThat(Files.readString(out.resolve("bench-latest.html"))).contains("<svg", "RxFlow EOS", "floor ALOS");
        // the embedded stack's data folder is removed afterwards
        assertThat(Files.list(out).filter(p -> p.getFileName().toString().startsWith("stack-"))).isEmpty();
    }
}
