package com.rxflow.escalation.stream;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.escalation.cases.CaseDecision;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.state.EscalationCase;

/**
 * The Kafka Streams shell around {@link CaseDecider}: load the case, decide, store, forward. Every
 * rule lives in the decider; this class only moves records.
 */
class EscalationCommandProcessor extends ContextualProcessor<String, EscalationCommand, String, EscalationEvent> {

    private final CaseDecider decider;
    private final Clock clock;
    private KeyValueStore<String, EscalationCase> cases;

    EscalationCommandProcessor(CaseDecider decider, Clock clock) {
        this.decider = decider;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, EscalationEvent> context) {
        super.init(context);
        cases = context.getStateStore(EscalationCaseStore.NAME);
    }

    @Override
    public void process(Record<String, EscalationCommand> record) {
        EscalationCommand command = record.value();
        requireKeyedByConversation(record.key(), command);
        EscalationCase existing = CaseDecider.caseId(command).map(cases::get).orElse(null);
        CaseDecision decision = decider.decide(existing, command, now());
        if (decision.changesCase()) {
            cases.put(decision.changedCase().getEscalationId(), decision.changedCase());
        }
        for (EscalationEvent event : decision.events()) {
            context().forward(new Record<>(event.getMetadata().getConversationId(), event, record.timestamp()));
        }
    }

    private static void requireKeyedByConversation(String key, EscalationCommand command) {
        String conversationId = command.getMetadata().getConversationId();
        if (!Objects.equals(key, conversationId)) {
            throw new MisroutedCommandException(key, conversationId, command.getMetadata().getEventId());
        }
    }

    /** Avro keeps timestamps to the millisecond; truncating here keeps a stored case equal to its decision. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
