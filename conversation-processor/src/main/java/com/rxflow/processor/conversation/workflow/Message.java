package com.rxflow.processor.conversation.workflow;

/** A patient message the workflow is handling now. */
public record Message(String messageId, String text) {
}
