package com.rxflow.processor.conversation.workflow;

/**
 * A move the workflow may make between two steps; {@link Steps#ANY} as {@code from} allows it from
 * every step whose lifecycle state may move to {@code to}'s.
 *
 * @param label what makes the move, for the diagram
 */
public record Transition(Step from, Step to, String label) {
}
