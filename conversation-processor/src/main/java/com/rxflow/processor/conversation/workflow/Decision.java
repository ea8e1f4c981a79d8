package com.rxflow.processor.conversation.workflow;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;

import com.rxflow.state.ConversationSnapshot;

/**
 * What the workflow decided for one incoming event: the conversation's new state (null when the
 * conversation still does not exist) and the records to publish, in order. Records are topic
 * envelopes: tool and escalation commands, replies and conversation events.
 */
public record Decision(ConversationSnapshot snapshot, List<SpecificRecord> outputs) {

    public Decision {
        outputs = List.copyOf(outputs);
    }
}
