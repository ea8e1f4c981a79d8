package com.rxflow.processor.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.TaskId;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.EscalationRequested;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.state.ConversationSnapshot;

/**
 * The processor's business metrics, counted in the Kafka Streams shell from the domain events the
 * workflow decided (the core itself counts nothing):
 *
 * <ul>
 * <li>{@code rxflow_conversations_active}: conversations not closed, over this instance's tasks;</li>
 * <li>{@code rxflow_conversations_started_total{channel}};</li>
 * <li>{@code rxflow_conversations_abandoned_total{reason}}: closed by the inactivity timer;</li>
 * <li>{@code rxflow_escalations_requested_total{route,reason}}: cases the workflow asked for (the
 * escalation service counts the cases it opened as {@code rxflow_escalations_total});</li>
 * <li>{@code rxflow_refill_assessments_total{route}}: the refill gates' verdicts;</li>
 * <li>{@code rxflow_orders_confirmed_total}: a patient's explicit yes to an order;</li>
 * <li>{@code rxflow_inputs_rejected_total{reason}};</li>
 * <li>{@code rxflow_workflow_decision_seconds}: the time the core takes for one input.</li>
 * </ul>
 *
 * Counted when decided: an input processed again after a crash (exactly-once rolls its outputs
 * back, not these counters) is counted again.
 */
public final class ConversationMeters {

    /** Meters nobody reads: for topology tests. */
    public static ConversationMeters none() {
        return new ConversationMeters(new SimpleMeterRegistry());
    }

    private final MeterRegistry registry;
    private final Map<TaskId, AtomicLong> activeByTask = new ConcurrentHashMap<>();
    private final Timer decisions;

    public ConversationMeters(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("rxflow.conversations.active", activeByTask,
                        tasks -> tasks.values().stream().mapToLong(AtomicLong::get).sum())
                .description("Conversations not closed, in the partitions this instance processes")
                .register(registry);
        this.decisions = Timer.builder("rxflow.workflow.decision")
                .description("Time the workflow core takes to decide one input")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        // present from the start, so "none abandoned yet" is a zero rather than a missing series
        counter("rxflow.conversations.abandoned", "reason", "INACTIVITY");
    }

    /** A task (a partition of the conversations store) started here with this many open conversations. */
    void taskStarted(TaskId task, long open) {
        activeByTask.put(task, new AtomicLong(open));
    }

    /** The task moved away or stopped: its conversations are another instance's to count. */
    void taskClosed(TaskId task) {
        activeByTask.remove(task);
    }

    void decided(long nanos) {
        decisions.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Counts what one decision changed and recorded. */
    void applied(TaskId task, ConversationSnapshot before, ConversationSnapshot after, List<SpecificRecord> outputs) {
        long delta = (open(after) ? 1 : 0) - (open(before) ? 1 : 0);
        AtomicLong active = activeByTask.get(task);
        if (delta != 0 && active != null) {
            active.addAndGet(delta);
        }
        for (SpecificRecord output : outputs) {
            if (output instanceof ConversationEvent event) {
                count(event);
            }
        }
    }

    static boolean open(ConversationSnapshot snapshot) {
        return snapshot != null && !Steps.CLOSED.name().equals(snapshot.getStep());
    }

    private void count(ConversationEvent event) {
        switch (event.getType()) {
            case CONVERSATION_STARTED -> counter("rxflow.conversations.started", "channel",
                    event.getStarted().getChannel()).increment();
            case CONVERSATION_CLOSED -> counter("rxflow.conversations.abandoned", "reason",
                    event.getClosed().getReason()).increment();
            case ESCALATION_REQUESTED -> {
                EscalationRequested requested = event.getEscalationRequested();
                String reason = requested.getReasonCodes().isEmpty() ? "NONE" : requested.getReasonCodes().get(0);
                Counter.builder("rxflow.escalations.requested").tag("route", requested.getRoute())
                        .tag("reason", reason).register(registry).increment();
            }
            case SAFETY_ASSESSED -> counter("rxflow.refill.assessments", "route",
                    event.getSafetyAssessed().getRoute()).increment();
            case ORDER_CONFIRMED -> Counter.builder("rxflow.orders.confirmed").register(registry).increment();
            case INPUT_REJECTED -> counter("rxflow.inputs.rejected", "reason",
                    event.getInputRejected().getReasonCode()).increment();
            default -> { } // the rest is the conversation's own story, not a rate anyone watches
        }
    }

    private Counter counter(String name, String tag, String value) {
        return Counter.builder(name).tag(tag, value == null ? "NONE" : value).register(registry);
    }
}
