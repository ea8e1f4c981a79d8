package com.rxflow.processor.conversation;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.processor.conversation.workflow.ConversationWorkflow;
import com.rxflow.processor.conversation.workflow.Decision;
import com.rxflow.state.ConversationSnapshot;

/**
 * The thin Kafka Streams shell around the workflow: load the conversation, decide, store, forward.
 * Under exactly-once processing the store update and every forwarded record of one input commit
 * together or not at all.
 */
final class ConversationProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final ConversationWorkflow workflow;
    private final Clock clock;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, ConversationSnapshot> store;

    ConversationProcessor(ConversationWorkflow workflow, Clock clock) {
        this.workflow = workflow;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(ConversationTopology.STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() == null) {
            return; // a tombstone carries no fact
        }
        requireKeyMatchesConversation(record);
        ConversationSnapshot current = store.get(record.key());
        // Avro keeps milliseconds; truncating keeps a stored state equal to the decision that made it
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Decision decision = workflow.decide(current, record.value(), now);
        if (decision.snapshot() != null && !decision.snapshot().equals(current)) {
            store.put(record.key(), decision.snapshot());
        }
        for (SpecificRecord output : decision.outputs()) {
            context.forward(new Record<>(record.key(), output, now.toEpochMilli()),
                    ConversationTopology.SINKS.get(output.getClass()));
        }
    }

    /**
     * A record filed under another conversation's key would be processed against the wrong state;
     * it is refused, and the platform's processing exception handler dead-letters it.
     */
    private static void requireKeyMatchesConversation(Record<String, SpecificRecord> record) {
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
            throw new IllegalArgumentException("record key " + record.key() + " differs from its conversation id "
                    + metadata.getConversationId());
        }
    }
}
