package com.rxflow.escalation.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.cases.CaseDecision;
import com.rxflow.escalation.cases.CaseObserver;
import com.rxflow.escalation.cases.CaseTimer;
import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.platform.streams.TimerGuard;
import com.rxflow.state.EscalationCase;

/**
 * The Kafka Streams shell around {@link CaseDecider}: load the case, decide, store, index its
 * timers, forward. Every rule lives in the decider; this class only moves records. Under
 * exactly-once processing the case, its timers and its events of one input commit together.
 *
 * <p>Timers live in a second store keyed by due time, so the wall-clock punctuator range-scans
 * exactly the timers that are due, oldest first, and never the cases store. The index is derived
 * from each case after every decision, so it never holds a timer the case no longer has.
 */
final class CasesProcessor implements Processor<String, SpecificRecord, String, Object> {

    /** At most this many timers are fired per punctuation, so one punctuation never stalls the thread. */
    static final int MAX_TIMERS_PER_PUNCTUATION = 500;

    private final CaseDecider decider;
    private final Clock clock;
    private final Duration punctuateInterval;
    private final CaseObserver observer;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, EscalationCase> cases;
    private KeyValueStore<String, String> timers;
    private TimerGuard guard;

    CasesProcessor(CaseDecider decider, Clock clock, Duration punctuateInterval, CaseObserver observer) {
        this.decider = decider;
        this.clock = clock;
        this.punctuateInterval = punctuateInterval;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.cases = context.getStateStore(EscalationCaseStore.NAME);
        this.timers = context.getStateStore(EscalationCaseStore.TIMERS);
        this.guard = new TimerGuard(EscalationCaseStore.TIMERS,
                deadLetter -> context.forward(deadLetter, EscalationTopology.DEAD_LETTERS_SINK));
        context.schedule(punctuateInterval, PunctuationType.WALL_CLOCK_TIME, ignored -> fireDueTimers());
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        SpecificRecord value = record.value();
        if (value == null) {
            return; // a tombstone carries no request
        }
        Instant now = now();
        if (value instanceof EscalationCommand command) {
            requireKeyedByConversation(record.key(), command.getMetadata());
            Optional<String> caseId = CaseDecider.caseId(command);
            EscalationCase existing = caseId.map(cases::get).orElse(null);
            apply(caseId.orElse(null), existing, decider.decide(existing, command, now), now);
        } else if (value instanceof PharmacistAction action) {
            requireKeyedByConversation(record.key(), action.getMetadata());
            Optional<String> caseId = CaseDecider.caseId(action);
            EscalationCase existing = caseId.map(cases::get).orElse(null);
            apply(caseId.orElse(null), existing, decider.decide(existing, action, now), now);
        } else {
            throw new IllegalArgumentException("unexpected input " + value.getSchema().getFullName());
        }
    }

    /**
     * Fires the due timers, each in its own guard: a timer that cannot be read or that throws is
     * dead-lettered and the others still fire. Every timer leaves the index before it fires, so a
     * failed one does not come back.
     */
    private void fireDueTimers() {
        Instant now = now();
        guard.fireDue(timers, CaseTimer.dueBy(now), MAX_TIMERS_PER_PUNCTUATION, now, CaseTimer::parse, timer -> {
            EscalationCase existing = cases.get(timer.escalationId());
            apply(timer.escalationId(), existing, decider.fire(existing, timer, now), now);
        });
    }

    private void apply(String caseId, EscalationCase before, CaseDecision decision, Instant now) {
        EscalationCase after = before;
        if (decision.removesCase()) {
            cases.delete(caseId);
            after = null;
        } else if (decision.changesCase()) {
            after = decision.changedCase();
            cases.put(after.getEscalationId(), after);
        }
        if (after != before) {
            reindexTimers(before, after);
        }
        for (EscalationEvent event : decision.events()) {
            context.forward(new Record<>(event.getMetadata().getConversationId(), event, now.toEpochMilli()),
                    EscalationTopology.EVENTS_SINK);
            observer.published(event, after);
        }
    }

    private void reindexTimers(EscalationCase before, EscalationCase after) {
        Set<String> old = keys(before);
        Set<String> wanted = keys(after);
        old.stream().filter(key -> !wanted.contains(key)).forEach(timers::delete);
        String conversationId = after == null ? "" : after.getConversationId();
        wanted.stream().filter(key -> !old.contains(key)).forEach(key -> timers.put(key, conversationId));
    }

    private Set<String> keys(EscalationCase stored) {
        Set<String> keys = new HashSet<>();
        decider.timers(stored).forEach(timer -> keys.add(timer.key()));
        return keys;
    }

    /**
     * A record filed under another conversation's key would change a case on the wrong partition and
     * break the one-conversation-one-key rule, so it is refused (and goes to the dead-letter topic)
     * rather than guessed at.
     */
    private static void requireKeyedByConversation(String key, EventMetadata metadata) {
        if (!metadata.getConversationId().equals(key)) {
            throw new MisroutedCommandException(key, metadata.getConversationId(), metadata.getEventId());
        }
    }

    /** Avro keeps timestamps to the millisecond; truncating here keeps a stored case equal to its decision. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
