package com.rxflow.processor.conversation.workflow;

/**
 * A step of the conversation workflow: the fine-grained position a pharmacist reads ("select
 * pharmacy", "confirm order"), always inside one lifecycle state of the developer guide. Steps are
 * values, not an enum, so a conversation type registered later can bring its own.
 *
 * @param name        stable name, recorded in StateChanged events and shown to channels
 * @param lifecycle   the lifecycle state the step belongs to
 * @param description what the step means, for the generated documentation
 */
public record Step(String name, Lifecycle lifecycle, String description) {

    /** Whether the conversation waits here for the patient's answer to a question. */
    public boolean asksThePatient() {
        return lifecycle == Lifecycle.GATHERING_INFO || lifecycle == Lifecycle.AWAITING_CONFIRMATION;
    }

    @Override
    public String toString() {
        return name;
    }
}
