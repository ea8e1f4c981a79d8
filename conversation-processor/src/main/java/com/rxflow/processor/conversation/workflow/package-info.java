/**
 * The conversation workflow as a pure, deterministic core: {@code ConversationWorkflow.decide}
 * takes a conversation's state, one incoming event and the time, and returns the new state and the
 * records to publish. No Kafka, no Spring, no clock of its own (WorkflowLayeringTest keeps it so).
 *
 * <p>Where things are: the order of concerns for every message ({@code ConversationWorkflow}), what
 * the patient can always say ({@code PatientControls}), the tools' answers and silences ({@code
 * ToolAnswers}), the state as a fold of domain events ({@code ConversationFold}); the conversation
 * types ({@code SimpleConversation}, {@code ClinicalConversation} and the {@code refill} package);
 * the handing over to people ({@code handoff} package). docs/workflow.md has a table from every
 * business rule to its file.
 *
 * <p>One name for each idea:
 * <ul>
 * <li><b>Lifecycle</b> is the developer guide's six states, recorded as the {@code state} of a
 * snapshot and of {@code StateChanged}; a <b>step</b> is the finer position inside one lifecycle state
 * ("select pharmacy"). A conversation changes step only with {@link
 * com.rxflow.processor.conversation.workflow.Turn#goTo Turn.goTo}, which passes through the lifecycle
 * states the guide requires and records every move with its {@link
 * com.rxflow.processor.conversation.workflow.Trigger Trigger}.</li>
 * <li>The patient is told things three ways: {@code say} is the assistant answering the message being
 * handled; {@code notice} is the system telling how things stand (the queue, the wait, who joined),
 * answering no message; {@code relay} delivers a pharmacist's own words.</li>
 * <li>Facts are typed: {@link com.rxflow.processor.conversation.workflow.RequestChange RequestChange},
 * {@link com.rxflow.processor.conversation.workflow.Trigger Trigger} and {@link
 * com.rxflow.processor.conversation.workflow.EscalationStatus EscalationStatus}; the Avro events keep
 * strings, and {@link com.rxflow.processor.conversation.workflow.EventCodes EventCodes} is the one
 * place that converts, with the very strings of the shipped history.</li>
 * </ul>
 */
package com.rxflow.processor.conversation.workflow;
