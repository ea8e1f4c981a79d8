package com.rxflow.tools.metrics;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import com.rxflow.events.orders.PharmacyOrderEvent;
import com.rxflow.events.orders.PharmacyOrderEventType;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.AdherenceReport;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.tools.registry.Publication;
import com.rxflow.tools.registry.ToolRegistry;

/**
 * tools-service's metrics, from the answers it gives:
 *
 * <ul>
 * <li>{@code rxflow_tool_calls_total{tool,outcome}} and the histogram
 * {@code rxflow_tool_duration_seconds{tool,outcome}}: every command answered, {@code outcome}
 * {@code completed}, a failure's reason code ({@code TIMEOUT}, {@code NOT_FOUND}, ...) or
 * {@code replayed} (a redelivered request answered from the request log without running the tool);</li>
 * <li>{@code rxflow_refill_orders_total{pharmacy}}: orders placed, once their transaction committed;</li>
 * <li>{@code rxflow_adherence_score{medication}}: the adherence scores (0-100) the adherence tool
 * reported, with buckets at the guide's thresholds.</li>
 * </ul>
 *
 * A tool name the registry does not know is counted as {@code unknown}, so a stray command cannot
 * create series without bound.
 */
@Component
public class ToolMetrics {

    static final String REPLAYED = "replayed";

    private final MeterRegistry registry;
    private final Set<String> tools;

    public ToolMetrics(MeterRegistry registry, ToolRegistry tools) {
        this.registry = registry;
        this.tools = Set.copyOf(tools.names());
    }

    /** A command was answered, by running its tool or from the request log. */
    public void answered(String tool, ToolResult result, long nanos, boolean replayed) {
        String name = tools.contains(tool) ? tool : "unknown";
        String outcome = replayed ? REPLAYED : result.getType() == ToolResultType.TOOL_COMPLETED ? "completed"
                : result.getFailed() == null ? "failed" : result.getFailed().getReasonCode();
        Counter.builder("rxflow.tool.calls").description("Tool commands answered")
                .tag("tool", name).tag("outcome", outcome).register(registry).increment();
        Timer.builder("rxflow.tool.duration").description("Time to answer a tool command, retries included")
                .tag("tool", name).tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The answer and what it published are committed: what they mean for the pharmacy is counted. */
    public void committed(ToolResult result, List<Publication> publications) {
        for (Publication publication : publications) {
            if (publication.value() instanceof PharmacyOrderEvent order
                    && order.getType() == PharmacyOrderEventType.ORDER_PLACED && order.getPlaced() != null) {
                Counter.builder("rxflow.refill.orders").description("Refill orders placed, by pharmacy")
                        .tag("pharmacy", order.getPlaced().getOrder().getPharmacyId()).register(registry).increment();
            }
        }
        if (result.getType() == ToolResultType.TOOL_COMPLETED
                && ToolContracts.ADHERENCE.name().equals(result.getCompleted().getTool())) {
            AdherenceReport report = AvroCodec.shared().decode(bytes(result.getCompleted().getResult()),
                    AdherenceReport.class);
            DistributionSummary.builder("rxflow.adherence.score").description("Adherence scores reported, 0-100")
                    .tag("medication", report.getMedication().toLowerCase(Locale.ROOT))
                    .serviceLevelObjectives(50, 60, 70, 80, 90, 100)
                    .register(registry).record(report.getScore());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
