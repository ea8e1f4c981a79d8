package com.rxflow.escalation.stream;

import java.time.Clock;
import java.util.Set;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

import com.rxflow.escalation.cases.CaseDecider;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationEvent;

/**
 * Supplies the command processor and owns its store, so Kafka Streams adds and connects
 * {@code escalation-cases} from here and the store is declared nowhere else.
 */
record EscalationCommandProcessorSupplier(CaseDecider decider, Clock clock)
        implements ProcessorSupplier<String, EscalationCommand, String, EscalationEvent> {

    @Override
    public Processor<String, EscalationCommand, String, EscalationEvent> get() {
        return new EscalationCommandProcessor(decider, clock);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(EscalationCaseStore.builder());
    }
}
