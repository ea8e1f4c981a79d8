package com.rxflow.load.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resources of services that run as processes of their own, read from each one's Actuator
 * metrics ({@code process.cpu.time}, {@code jvm.memory.used} of the heap, {@code jvm.gc.pause}),
 * sampled every second. A service whose metrics cannot be read is reported with what was read.
 */
final class ActuatorResources implements ResourceMonitor {

    private final Map<String, URI> services;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            LoadDriver.daemon("bench-actuator"));
    private final Map<String, Double> cpuStart = new HashMap<>();
    private final Map<String, Double> gcCountStart = new HashMap<>();
    private final Map<String, Double> gcTimeStart = new HashMap<>();
    private final Map<String, double[]> heap = new HashMap<>();
    private ScheduledFuture<?> sampling;
    private long startNanos;

    /** @param services service name to its base URL (where {@code /actuator/metrics} answers) */
    ActuatorResources(Map<String, URI> services) {
        this.services = new LinkedHashMap<>(services);
    }

    @Override
    public synchronized void start() {
        heap.clear();
        services.forEach((name, url) -> {
            metric(url, "process.cpu.time").ifPresent(v -> cpuStart.put(name, v));
            metric(url, "jvm.gc.pause", "COUNT").ifPresent(v -> gcCountStart.put(name, v));
            metric(url, "jvm.gc.pause", "TOTAL_TIME").ifPresent(v -> gcTimeStart.put(name, v));
        });
        startNanos = System.nanoTime();
        sampling = sampler.scheduleAtFixedRate(this::sampleHeap, 0, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized Map<String, Usage> stop() {
        sampling.cancel(false);
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Usage> usage = new LinkedHashMap<>();
        services.forEach((name, url) -> {
            double cpu = delta(metric(url, "process.cpu.time"), cpuStart.get(name));
            double gcCount = delta(metric(url, "jvm.gc.pause", "COUNT"), gcCountStart.get(name));
            double gcTime = delta(metric(url, "jvm.gc.pause", "TOTAL_TIME"), gcTimeStart.get(name));
            double[] h = heap.getOrDefault(name, new double[3]);
            usage.put(name, new Usage(cpu, cpu < 0 ? -1 : cpu / wall, h[0], h[2] == 0 ? 0 : h[1] / h[2],
                    (long) gcCount, gcTime, "its own process, from /actuator/metrics"));
        });
        return usage;
    }

    private static double delta(OptionalDouble end, Double start) {
        return end.isPresent() && start != null ? end.getAsDouble() - start : -1;
    }

    private synchronized void sampleHeap() {
        services.forEach((name, url) -> metric(url, "jvm.memory.used?tag=area:heap").ifPresent(bytes -> {
            double[] h = heap.computeIfAbsent(name, n -> new double[3]);
            double mb = bytes / 1048576.0;
            h[0] = Math.max(h[0], mb);
            h[1] += mb;
            h[2]++;
        }));
    }

    private OptionalDouble metric(URI service, String name) {
        return metric(service, name, null);
    }

    /** The metric's measurement (VALUE, COUNT, TOTAL_TIME...), converted to seconds when its unit is time. */
    private OptionalDouble metric(URI service, String name, String statistic) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve("/actuator/metrics/" + name))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            JsonNode body = json.readTree(response.body());
            String unit = body.hasNonNull("baseUnit") ? body.get("baseUnit").asString() : "";
            for (JsonNode measurement : body.get("measurements")) {
                String stat = measurement.get("statistic").asString();
                if (statistic == null || statistic.equals(stat)) {
                    double value = measurement.get("value").asDouble();
                    if (!"COUNT".equals(stat)) {
                        value = "nanoseconds".equals(unit) || "ns".equals(unit) ? value / 1e9
                                : "milliseconds".equals(unit) || "ms".equals(unit) ? value / 1e3 : value;
                    }
                    return OptionalDouble.of(value);
                }
            }
            return OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }
}
