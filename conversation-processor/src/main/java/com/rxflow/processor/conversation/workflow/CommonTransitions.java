package com.rxflow.processor.conversation.workflow;

import static com.rxflow.processor.conversation.workflow.Steps.ANSWERING;
import static com.rxflow.processor.conversation.workflow.Steps.ANY;
import static com.rxflow.processor.conversation.workflow.Steps.CANCELLED;
import static com.rxflow.processor.conversation.workflow.Steps.CLOSED;
import static com.rxflow.processor.conversation.workflow.Steps.CLOSING_REQUEST;
import static com.rxflow.processor.conversation.workflow.Steps.COMPLETE;
import static com.rxflow.processor.conversation.workflow.Steps.ERROR;
import static com.rxflow.processor.conversation.workflow.Steps.START;
import static com.rxflow.processor.conversation.workflow.Steps.UNDERSTAND_REQUEST;
import static com.rxflow.processor.conversation.workflow.Steps.WITH_PHARMACIST;

import java.util.List;

/** The moves every conversation type shares: starting, answering, cancelling, closing, handoff and recovery. */
final class CommonTransitions {

    static final List<Transition> ALL = List.of(
            new Transition(ANY, UNDERSTAND_REQUEST, "message accepted / new request"),
            new Transition(ERROR, UNDERSTAND_REQUEST, "retry"),
            new Transition(UNDERSTAND_REQUEST, ANSWERING, "tools asked"),
            new Transition(ANSWERING, COMPLETE, "answered"),
            new Transition(UNDERSTAND_REQUEST, CLOSING_REQUEST, "cancel / new request / idle"),
            new Transition(CLOSING_REQUEST, CANCELLED, "cancelled"),
            new Transition(CLOSING_REQUEST, CLOSED, "idle"),
            new Transition(CLOSING_REQUEST, COMPLETE, "done"),
            new Transition(ANY, CANCELLED, "cancel"),
            new Transition(ANY, CLOSED, "idle timeout"),
            new Transition(ANY, COMPLETE, "request finished"),
            new Transition(ANY, START, "new request / start over"),
            new Transition(ANY, ERROR, "tool failed"),
            new Transition(ANY, WITH_PHARMACIST, "escalated to a pharmacist"),
            new Transition(WITH_PHARMACIST, ANY, "returned to the assistant (resumes the held step)"),
            new Transition(ANY, CLOSING_REQUEST, "abandoned while processing"));

    private CommonTransitions() {
    }
}
