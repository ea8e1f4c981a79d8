package com.rxflow.load.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.rxflow.load.bench.BenchResults.Latency;
import com.rxflow.load.bench.BenchResults.RatePoint;
import com.rxflow.load.bench.BenchResults.Report;
import com.rxflow.load.bench.BenchResults.Run;

/**
 * The benchmark's chart: one self-contained HTML page with inline SVG (no script, no network), so
 * it opens anywhere and can be attached to an issue. It draws the latency percentile spectrum of
 * RxFlow and of the Kafka floor for each processing guarantee, the ramp (p50 and p99 against the
 * offered rate, with the bound) when there is one, and the CPU each service spent per turn.
 */
final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 760;
    private static final int HEIGHT = 360;
    private static final int LEFT = 60;
    private static final int RIGHT = 170;
    private static final int TOP = 20;
    private static final int BOTTOM = 45;

    private HtmlReport() {
    }

    static String render(Report report, double p99BoundMs) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>RxFlow bench ")
                .append(escape(report.startedAt())).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}")
                .append("td:first-child,th:first-child{text-align:left}svg text{font:12px system-ui,sans-serif}")
                .append("</style></head><body>");
        html.append("<h1>RxFlow bench</h1><p>").append(escape(report.startedAt())).append(" &middot; ")
                .append(escape(String.valueOf(report.machine()))).append("</p><p>")
                .append(escape(String.valueOf(report.settings()))).append("</p>");
        html.append("<h2>Turn latency against the Kafka floor</h2>");
        html.append(spectrum(report.runs()));
        if (report.runs().stream().anyMatch(run -> run.points().size() > 1)) {
            html.append("<h2>Ramp</h2>").append(ramp(report.runs(), p99BoundMs));
        }
        html.append("<h2>Figures</h2>").append(table(report.runs()));
        html.append("<h2>CPU per turn (ms)</h2>").append(cpu(report.runs()));
        html.append("<h2>By kind of turn (p50 / p99 ms) and offsets written per turn</h2>").append(kinds(report.runs()));
        html.append("</body></html>\n");
        return html.toString();
    }

    /** Latency by percentile at the first rate of each run, x on the classic 1/(1-p) log scale. */
    private static String spectrum(List<Run> runs) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        Map<String, Boolean> dashed = new LinkedHashMap<>();
        for (Run run : runs) {
            if (run.points().isEmpty()) {
                continue;
            }
            RatePoint point = run.points().get(0);
            String label = run.label();
            lines.put("RxFlow " + label, curve(point.rxflow().latency()));
            dashed.put("RxFlow " + label, false);
            lines.put("floor " + label, curve(point.floor().latency()));
            dashed.put("floor " + label, true);
        }
        double xMax = Math.log10(1 / (1 - 0.9999));
        double yMax = lines.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1);
        double yMin = lines.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).min().orElse(0.1);
        Chart chart = new Chart(0, xMax, Math.max(0.1, yMin), yMax);
        StringBuilder svg = chart.open();
        String[] ticks = {"0%", "90%", "99%", "99.9%", "99.99%"};
        for (int i = 0; i < ticks.length; i++) {
            svg.append(chart.xTick(i, ticks[i]));
        }
        svg.append(chart.yTicks()).append(chart.axisLabels("percentile", "turn latency (ms)"));
        int series = 0;
        for (Map.Entry<String, List<double[]>> line : lines.entrySet()) {
            String colour = COLOURS[(series / 2) % COLOURS.length];
            svg.append(chart.polyline(line.getValue(), colour, dashed.get(line.getKey())));
            svg.append(chart.legend(series, line.getKey(), colour, dashed.get(line.getKey())));
            series++;
        }
        return svg.append("</svg>").toString();
    }

    private static List<double[]> curve(Latency latency) {
        List<double[]> points = new ArrayList<>();
        latency.spectrum().forEach((percentile, ms) -> {
            double p = Double.parseDouble(percentile) / 100;
            if (p < 0.99995) {
                points.add(new double[] {Math.log10(1 / (1 - p)), Math.max(ms, 0.1)});
            }
        });
        return points;
    }

    private static String ramp(List<Run> runs, double p99BoundMs) {
        double xMin = runs.stream().flatMap(r -> r.points().stream()).mapToDouble(RatePoint::rate).min().orElse(0);
        double xMax = runs.stream().flatMap(r -> r.points().stream()).mapToDouble(RatePoint::rate).max().orElse(1);
        double yMax = Math.max(p99BoundMs, runs.stream().flatMap(r -> r.points().stream())
                .mapToDouble(p -> p.rxflow().latency().p99()).max().orElse(1));
        double yMin = runs.stream().flatMap(r -> r.points().stream())
                .mapToDouble(p -> Math.min(p.floor().latency().p50(), p.rxflow().latency().p50())).min().orElse(1);
        Chart chart = new Chart(xMin, Math.max(xMax, xMin + 1), Math.max(0.1, yMin), yMax);
        StringBuilder svg = chart.open();
        svg.append(chart.xTicksLinear()).append(chart.yTicks()).append(chart.axisLabels("offered turns/s", "latency (ms)"));
        svg.append(chart.polyline(List.of(new double[] {chart.xMin, p99BoundMs}, new double[] {chart.xMax, p99BoundMs}),
                "#888", true));
        int series = 0;
        for (int r = 0; r < runs.size(); r++) {
            Run run = runs.get(r);
            String colour = COLOURS[r % COLOURS.length];
            List<double[]> p50 = new ArrayList<>();
            List<double[]> p99 = new ArrayList<>();
            List<double[]> floor = new ArrayList<>();
            for (RatePoint point : run.points()) {
                p50.add(new double[] {point.rate(), Math.max(0.1, point.rxflow().latency().p50())});
                p99.add(new double[] {point.rate(), Math.max(0.1, point.rxflow().latency().p99())});
                floor.add(new double[] {point.rate(), Math.max(0.1, point.floor().latency().p99())});
            }
            String label = run.label();
            svg.append(chart.polyline(p99, colour, false)).append(chart.legend(series++, "RxFlow p99 " + label, colour, false));
            svg.append(chart.polyline(p50, colour, false, 1)).append(chart.legend(series++, "RxFlow p50 " + label, colour, false));
            svg.append(chart.polyline(floor, colour, true)).append(chart.legend(series++, "floor p99 " + label, colour, true));
        }
        svg.append(chart.legend(series, "p99 bound " + fmt(p99BoundMs) + " ms", "#888", true));
        return svg.append("</svg>").toString();
    }

    private static String table(List<Run> runs) {
        StringBuilder html = new StringBuilder("<table><tr><th>guarantee</th><th>rate/s</th><th>system</th>"
                + "<th>turns</th><th>errors</th><th>throughput/s</th><th>p50</th><th>p95</th><th>p99</th>"
                + "<th>max</th><th>p50 &divide; floor</th><th>p99 &divide; floor</th></tr>");
        for (Run run : runs) {
            for (RatePoint point : run.points()) {
                for (BenchResults.Phase phase : List.of(point.rxflow(), point.floor())) {
                    boolean rx = phase == point.rxflow();
                    html.append("<tr><td>").append(escape(run.name())).append("</td><td>").append(fmt(point.rate()))
                            .append("</td><td>").append(phase.system()).append("</td><td>").append(phase.completed())
                            .append("</td><td>").append(phase.errors()).append("</td><td>").append(fmt(phase.throughput()))
                            .append("</td><td>").append(fmt(phase.latency().p50())).append("</td><td>")
                            .append(fmt(phase.latency().p95())).append("</td><td>").append(fmt(phase.latency().p99()))
                            .append("</td><td>").append(fmt(phase.latency().max())).append("</td><td>")
                            .append(rx ? fmt(point.p50Ratio()) + "&times;" : "").append("</td><td>")
                            .append(rx ? fmt(point.p99Ratio()) + "&times;" : "").append("</td></tr>");
                }
            }
            if (run.kneeRate() != null || run.points().size() > 1) {
                html.append("<tr><td colspan=\"12\">knee (").append(escape(run.name())).append("): ")
                        .append(run.kneeRate() == null ? "below the first rate" : fmt(run.kneeRate()) + " turns/s")
                        .append("</td></tr>");
            }
        }
        return html.append("</table>").toString();
    }

    private static String cpu(List<Run> runs) {
        StringBuilder html = new StringBuilder("<table><tr><th>guarantee @ rate</th>");
        List<String> services = new ArrayList<>();
        for (Run run : runs) {
            for (RatePoint point : run.points()) {
                point.rxflow().cpuMillisPerTurn().keySet().stream().filter(s -> !services.contains(s)).forEach(services::add);
            }
        }
        services.forEach(s -> html.append("<th>").append(escape(s)).append("</th>"));
        html.append("<th>heap max (MiB)</th></tr>");
        for (Run run : runs) {
            for (RatePoint point : run.points()) {
                html.append("<tr><td>").append(escape(run.name())).append(" @ ").append(fmt(point.rate())).append("</td>");
                services.forEach(s -> html.append("<td>").append(fmt(point.rxflow().cpuMillisPerTurn().getOrDefault(s, 0.0)))
                        .append("</td>"));
                double heap = point.rxflow().resources().values().stream().mapToDouble(ResourceMonitor.Usage::heapMaxMb)
                        .max().orElse(0);
                html.append("<td>").append(fmt(heap)).append("</td></tr>");
            }
        }
        return html.append("</table>").toString();
    }

    private static String kinds(List<Run> runs) {
        StringBuilder html = new StringBuilder("<table><tr><th>guarantee @ rate</th><th>turn</th><th>count</th>"
                + "<th>p50</th><th>p99</th></tr>");
        for (Run run : runs) {
            for (RatePoint point : run.points()) {
                point.rxflow().byKind().forEach((kind, latency) -> html.append("<tr><td>").append(escape(run.name()))
                        .append(" @ ").append(fmt(point.rate())).append("</td><td>").append(escape(kind)).append("</td><td>")
                        .append(latency.count()).append("</td><td>").append(fmt(latency.p50())).append("</td><td>")
                        .append(fmt(latency.p99())).append("</td></tr>"));
                if (!point.rxflow().offsetsPerTurn().isEmpty()) {
                    html.append("<tr><td colspan=\"5\">offsets per turn: ")
                            .append(escape(point.rxflow().offsetsPerTurn().toString())).append("</td></tr>");
                }
            }
        }
        return html.append("</table>").toString();
    }

    static String fmt(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One SVG plot area: linear x (the caller may pass logarithms), logarithmic y. */
    private static final class Chart {
        final double xMin;
        final double xMax;
        final double yMin;
        final double yMax;

        Chart(double xMin, double xMax, double yMin, double yMax) {
            this.xMin = xMin;
            this.xMax = xMax;
            this.yMin = Math.pow(10, Math.floor(Math.log10(yMin)));
            this.yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, yMin * 10))));
        }

        StringBuilder open() {
            return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\""
                    + HEIGHT + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\"><rect x=\"" + LEFT + "\" y=\"" + TOP
                    + "\" width=\"" + (WIDTH - LEFT - RIGHT) + "\" height=\"" + (HEIGHT - TOP - BOTTOM)
                    + "\" fill=\"none\" stroke=\"#999\"/>");
        }

        double x(double value) {
            return LEFT + (value - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT);
        }

        double y(double value) {
            double fraction = (Math.log10(value) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin));
            return HEIGHT - BOTTOM - fraction * (HEIGHT - TOP - BOTTOM);
        }

        String xTick(double value, String label) {
            return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x(value), TOP, x(value),
                    HEIGHT - BOTTOM, x(value), HEIGHT - BOTTOM + 16, label);
        }

        String xTicksLinear() {
            StringBuilder ticks = new StringBuilder();
            double step = niceStep((xMax - xMin) / 6);
            for (double v = Math.ceil(xMin / step) * step; v <= xMax + 1e-9; v += step) {
                ticks.append(xTick(v, fmt(v)));
            }
            return ticks.toString();
        }

        String yTicks() {
            StringBuilder ticks = new StringBuilder();
            for (double decade = yMin; decade <= yMax * 1.0001; decade *= 10) {
                for (int m : new int[] {1, 2, 5}) {
                    double v = decade * m;
                    if (v > yMax * 1.0001) {
                        break;
                    }
                    ticks.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, y(v), WIDTH - RIGHT, y(v),
                            LEFT - 4, y(v) + 4, v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.valueOf(v)));
                }
            }
            return ticks.toString();
        }

        String axisLabels(String xLabel, String yLabel) {
            return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                    + "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
                    (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 8, xLabel, (TOP + HEIGHT - BOTTOM) / 2, yLabel);
        }

        String polyline(List<double[]> points, String colour, boolean dashed) {
            return polyline(points, colour, dashed, 2);
        }

        String polyline(List<double[]> points, String colour, boolean dashed, int width) {
            StringBuilder line = new StringBuilder("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\""
                    + width + "\"" + (dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"");
            for (double[] p : points) {
                line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0]), y(Math.max(p[1], yMin))));
            }
            return line.append("\"/>").toString();
        }

        String legend(int index, String label, String colour, boolean dashed) {
            int yPos = TOP + 14 + index * 18;
            int xPos = WIDTH - RIGHT + 10;
            return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>", xPos, yPos, xPos + 24, yPos, colour,
                    dashed ? " stroke-dasharray=\"6 4\"" : "", xPos + 30, yPos + 4, escape(label));
        }

        private static double niceStep(double raw) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
            for (double m : new double[] {1, 2, 5, 10}) {
                if (raw <= m * magnitude) {
                    return m * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }
}
