package com.rxflow.processor.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.platform.streams.TimerGuard;
import com.rxflow.platform.validation.InputViolation;
import com.rxflow.platform.validation.InvalidInputException;
import com.rxflow.platform.validation.PatientInputRules;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.conversation.workflow.Decision;
import com.rxflow.processor.conversation.workflow.TimerFired;
import com.rxflow.processor.conversation.workflow.Timers;
import com.rxflow.processor.conversation.workflow.WorkflowFeatures;
import com.rxflow.processor.features.FeaturePolicy;
import com.rxflow.state.ConversationSnapshot;

/**
 * The thin Kafka Streams shell around the workflow: load the conversation, decide (with the feature
 * flags as they apply to the conversation's patient), store, forward, count.
 * Under exactly-once processing the store update, the timer index and every forwarded record of one
 * input commit together or not at all.
 *
 * <p>Timers live in a second store keyed by due time then conversation id, so the wall-clock
 * punctuator range-scans exactly the timers that are due, oldest first, and never the whole
 * conversations store. The index is derived from each conversation's state after every decision,
 * and written only when a deadline it must honour changes ({@link TimerIndex}).
 */
final class ConversationProcessor implements Processor<String, SpecificRecord, String, Object> {

    /** At most this many timers are fired per punctuation, so one punctuation never stalls the thread. */
    static final int MAX_TIMERS_PER_PUNCTUATION = 500;

    private final ConversationWorkflow workflow;
    private final Clock clock;
    private final Duration punctuateInterval;
    private final FeaturePolicy features;
    private final ConversationMeters meters;
    private final PatientInputRules inputRules;
    private final ClosedConversations.Retention closedRetention;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ConversationSnapshot> store;
    private KeyValueStore<String, String> timers;
    private TimerIndex index;
    private TimerGuard guard;

    ConversationProcessor(ConversationWorkflow workflow, Clock clock, Duration punctuateInterval,
            FeaturePolicy features, ConversationMeters meters, PatientInputRules inputRules,
            ClosedConversations.Retention closedRetention) {
        this.workflow = workflow;
        this.inputRules = inputRules;
        this.closedRetention = closedRetention;
        this.clock = clock;
        this.punctuateInterval = punctuateInterval;
        this.features = features;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(ConversationTopology.STORE);
        this.timers = context.getStateStore(ConversationTopology.TIMERS_STORE);
        this.index = new TimerIndex(timers, workflow.policy());
        this.guard = new TimerGuard(ConversationTopology.TIMERS_STORE,
                deadLetter -> context.forward(deadLetter, ConversationTopology.DEAD_LETTERS_SINK));
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, ignored -> fireDueTimers());
        ClosedConversations closed = new ClosedConversations(store, workflow, closedRetention.retention());
        context.schedule(closedRetention.sweepInterval(), PunctuationType.WALL_CLOCK_TIME,
                ignored -> closed.sweep(now()));
        meters.taskStarted(context.taskId(), openConversations());
    }

    @Override
    public void close() {
        if (context != null) {
            meters.taskClosed(context.taskId());
        }
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() == null) {
            return; // a tombstone carries no fact
        }
        if (record.value() instanceof PatientEvent event) {
            // a channel that speaks Kafka writes this topic itself: the gateway's rules, checked
            // here; a refused record is dead-lettered with its violation and the partition goes on
            inputRules.check(record.key(), event);
        }
        EventMetadata metadata = requireKeyMatchesConversation(record);
        ConversationSnapshot current = store.get(record.key());
        Instant now = now();
        String patientId = current != null ? current.getPatientId() : metadata.getPatientId();
        apply(record.key(), current, decide(current, record.value(), now, patientId), now);
    }

    private Decision decide(ConversationSnapshot current, Object input, Instant now, String patientId) {
        WorkflowFeatures applying = features.forPatient(patientId);
        long start = System.nanoTime();
        Decision decision = workflow.decide(current, input, now, applying);
        meters.decided(System.nanoTime() - start);
        return decision;
    }

    /** Once per task, when it starts here: the open conversations of its partition, for the gauge. */
    private long openConversations() {
        long open = 0;
        try (KeyValueIterator<String, ConversationSnapshot> all = store.all()) {
            while (all.hasNext()) {
                if (ConversationMeters.open(all.next().value)) {
                    open++;
                }
            }
        }
        return open;
    }

    /**
     * Fires the due timers, each in its own guard: a timer that cannot be read or that throws is
     * dead-lettered and the others still fire. Every timer leaves the index before it fires, so a
     * failed one does not come back (its conversation's next change derives its timers anew). A
     * check that throws is dead-lettered with what its earlier timers of that punctuation did.
     */
    private void fireDueTimers() {
        Instant now = now();
        guard.fireDue(timers, String.format("%013d}", now.toEpochMilli()), MAX_TIMERS_PER_PUNCTUATION, now,
                key -> new TimerFired(Timers.Timer.conversationOf(key), Timers.Timer.parse(key)),
                fired -> fire(fired, now));
    }

    /**
     * Fires one index entry. A check stands for every timer of its kind of the conversation: the
     * ones due now fire one after the other, each decided against the state the previous one left.
     */
    private void fire(TimerFired fired, Instant now) {
        String conversationId = fired.conversationId();
        List<TimerFired> firing = List.of(fired);
        if (index.isCheck(fired.timer())) {
            ConversationSnapshot current = store.get(conversationId);
            firing = index.due(conversationId, fired.timer(), workflow.timers(current), anchor(current), now)
                    .stream().map(timer -> new TimerFired(conversationId, timer)).toList();
        }
        for (TimerFired timer : firing) {
            ConversationSnapshot current = store.get(conversationId);
            // the workflow decides before anything is written, so a decision that throws leaves no trace
            Decision decision = decide(current, timer, now, current == null ? null : current.getPatientId());
            apply(conversationId, current, decision, now);
        }
    }

    private void apply(String key, ConversationSnapshot current, Decision decision, Instant now) {
        ConversationSnapshot next = decision.snapshot();
        // the workflow returns the same object when nothing changed (every change is an event)
        if (next != null && next != current) {
            store.put(key, next);
            reindexTimers(key, current, next, now);
        }
        meters.applied(context.taskId(), current, next, decision.outputs());
        for (SpecificRecord output : decision.outputs()) {
            context.forward(new Record<>(key, output, now.toEpochMilli()),
                    ConversationTopology.SINKS.get(output.getClass()));
        }
    }

    private void reindexTimers(String conversationId, ConversationSnapshot before, ConversationSnapshot after,
            Instant now) {
        index.update(conversationId, workflow.timers(before), workflow.timers(after), anchor(after), now);
    }

    /** Where a conversation's inactivity checks are laid out from: its start. */
    private static Instant anchor(ConversationSnapshot snapshot) {
        return snapshot == null ? null : snapshot.getCreatedAt();
    }

    /** Avro keeps milliseconds; truncating keeps a stored state equal to the decision that made it. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * A record filed under another conversation's key would be processed against the wrong state;
     * it is refused ({@link InputViolation#KEY_MISMATCH}), and the platform's processing exception
     * handler dead-letters it.
     */
    private static EventMetadata requireKeyMatchesConversation(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        EventMetadata metadata;
        if (value instanceof PatientEvent event) {
            metadata = event.getMetadata();
        } else if (value instanceof ToolResult result) {
            metadata = result.getMetadata();
        } else if (value instanceof EscalationEvent event) {
            metadata = event.getMetadata();
        } else {
            throw new IllegalArgumentException("unexpected input " + value.getSchema().getFullName());
        }
        if (!metadata.getConversationId().equals(record.key())) {
            throw new InvalidInputException(InputViolation.KEY_MISMATCH, "record key " + record.key()
                    + " differs from its conversation id " + metadata.getConversationId());
        }
        return metadata;
    }
}
