package com.rxflow.load.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.rxflow.load.bench.BenchResults.Report;

/**
 * The report of a {@code rxflow bench} run on disk: {@code bench-<started>.json} and its chart
 * {@code bench-<started>.html} under {@code --out}, each copied to {@code bench-latest.*}.
 */
record ReportFiles(Path json, Path html) {

    static ReportFiles write(Report report, Path out, double p99Bound) throws IOException {
        Path json = out.resolve("bench-" + report.startedAt() + ".json");
        Path html = out.resolve("bench-" + report.startedAt() + ".html");
        Files.writeString(json, JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(report), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReport.render(report, p99Bound), StandardCharsets.UTF_8);
        Files.copy(json, out.resolve("bench-latest.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(html, out.resolve("bench-latest.html"), StandardCopyOption.REPLACE_EXISTING);
        return new ReportFiles(json, html);
    }
}
