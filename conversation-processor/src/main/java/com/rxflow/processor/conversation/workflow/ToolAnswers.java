package com.rxflow.processor.conversation.workflow;

import java.util.List;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.events.conversation.ToolOutcomeRecorded;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.InterpretQuery;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.processor.understanding.Interpreter;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.PendingWork;
import com.rxflow.state.ToolOutcome;

/**
 * The answers of the tools the conversation asked, and their silence: each answer is recorded with
 * its provenance; a retryable failure or a timeout is retried once with the same request id; a
 * batch whose last answer arrived goes to its conversation type; a model's answer goes to {@link
 * ModelInterpretation}; a tool that stays silent ends the request in ERROR with a pharmacist asked to
 * help; an attempt tools-service refused as expired is left to the call's timer; a late answer of a
 * tool with side effects that was given up on goes to {@link LateSideEffects}. Each method says whether it settled something, after which the workflow takes up the messages
 * that waited.
 */
final class ToolAnswers {

    /** tools-service's reason for an attempt it refused unrun because its deadline had passed. */
    static final String EXPIRED = "EXPIRED";

    private final Interpreter interpreter;
    private final ConversationTypes types;
    private final AvroCodec codec;
    private final ModelInterpretation model;
    private final LateSideEffects lateSideEffects;

    ToolAnswers(Interpreter interpreter, ConversationTypes types, AvroCodec codec, ModelInterpretation model) {
        this.interpreter = interpreter;
        this.types = types;
        this.codec = codec;
        this.model = model;
        this.lateSideEffects = new LateSideEffects(codec);
    }

    /** A tool's answer; false when it was ignored (late, repeated, foreign) or retried. */
    boolean answered(Turn turn, ToolResult result) {
        boolean completed = result.getType() == ToolResultType.TOOL_COMPLETED;
        if (!completed && result.getType() != ToolResultType.TOOL_FAILED) {
            return false;
        }
        String requestId = completed ? result.getCompleted().getRequestId() : result.getFailed().getRequestId();
        PendingWork pending = turn.snapshot().getPending().stream().filter(p -> p.getId().equals(requestId))
                .findFirst().orElse(null);
        if (pending == null) {
            if (completed) {
                // an order (cancellation, renewal) the conversation gave up on is recorded and put on a case
                lateSideEffects.completedLate(turn, result);
            }
            return false; // otherwise late, repeated or foreign: the turn it belonged to is settled
        }
        if (!completed && EXPIRED.equals(result.getFailed().getReasonCode())) {
            // tools-service did not run an attempt read past its deadline: nothing happened, and this
            // call's own timer (or the answer to a later attempt) settles it
            return false;
        }
        turn.answering(pending.getMessageId());
        ToolOutcomeRecorded.Builder outcome = ToolOutcomeRecorded.newBuilder().setRequestId(requestId)
                .setTool(pending.getName()).setSucceeded(completed);
        if (completed) {
            outcome.setResult(result.getCompleted().getResult()).setDataSource(result.getCompleted().getDataSource())
                    .setDataVersion(result.getCompleted().getDataVersion());
        } else {
            outcome.setReasonCode(result.getFailed().getReasonCode()).setRetryable(result.getFailed().getRetryable());
        }
        turn.record(ConversationEventType.TOOL_OUTCOME_RECORDED, e -> e.setToolOutcome(outcome.build()));
        if (ModelInterpretation.isModelCall(pending)) {
            InterpretationContext context = PatientContext.forInterpreter(turn);
            model.answered(turn, pending, result, deterministicReading(pending, context), context);
            return true;
        }
        if (!completed && result.getFailed().getRetryable() && pending.getAttempt() < 2) {
            turn.retry(pending);
            return false;
        }
        settleBatch(turn, pending.getBatch(), pending.getPurpose());
        return true;
    }

    /** Hands a complete batch to its conversation type, unless the request moved on meanwhile. */
    private void settleBatch(Turn turn, String batch, String purpose) {
        ConversationSnapshot s = turn.snapshot();
        boolean waiting = s.getPending().stream().anyMatch(p -> p.getBatch().equals(batch));
        if (waiting || ConversationWorkflow.PROFILE.equals(purpose) || s.getRequest() == null
                || !batch.equals(s.getRequest().getBatch())) {
            return;
        }
        List<ToolOutcome> outcomes = s.getResults().stream().filter(r -> r.getBatch().equals(batch)).toList();
        types.byName(s.getConversationType()).ifPresent(type -> type.onBatch(turn, new Batch(batch, purpose, outcomes,
                codec)));
    }

    /**
     * A tool stayed silent: retried once with the same request id (false); then the silence is
     * recorded, and when the open request waited on it, the conversation apologises and goes to a
     * pharmacist. A model's silence leaves the message to the interpreter alone.
     */
    boolean timedOut(Turn turn, String requestId) {
        PendingWork pending = turn.snapshot().getPending().stream().filter(p -> p.getId().equals(requestId))
                .findFirst().orElseThrow();
        if (ModelInterpretation.isModelCall(pending)) {
            recordTimeout(turn, pending);
            model.timedOut(turn, pending, deterministicReading(pending, PatientContext.forInterpreter(turn)));
            return true;
        }
        if (pending.getAttempt() < 2) {
            turn.retry(pending);
            return false;
        }
        recordTimeout(turn, pending);
        if (ConversationWorkflow.PROFILE.equals(pending.getPurpose()) || turn.request() == null
                || !pending.getBatch().equals(turn.request().getBatch())) {
            return true;
        }
        RequestDetails request = turn.request();
        turn.updateRequest(RequestChange.TOOL_TIMED_OUT, RequestDetails.newBuilder(request).setBatch(null).build());
        turn.goTo(Steps.ERROR, Trigger.TOOL_TIMEOUT);
        Handoff.toPharmacist(turn, new Message(pending.getMessageId(), request.getQuestion()),
                Trigger.TOOL_TIMEOUT, List.of(), EscalationPriority.HIGH, Steps.ERROR,
                "Sorry, our pharmacy system is not answering right now. I've asked a pharmacist to help you; "
                        + "they will answer you here.");
        return true;
    }

    private static void recordTimeout(Turn turn, PendingWork pending) {
        turn.answering(pending.getMessageId());
        turn.record(ConversationEventType.TOOL_OUTCOME_RECORDED, e -> e.setToolOutcome(ToolOutcomeRecorded
                .newBuilder().setRequestId(pending.getId()).setTool(pending.getName()).setSucceeded(false)
                .setReasonCode(LateSideEffects.GAVE_UP).setRetryable(false).build()));
    }

    /** What the interpreter alone makes of the message a model was asked about, to compare with its proposal. */
    private Interpretation deterministicReading(PendingWork pending, InterpretationContext context) {
        String text = codec.decode(ConversationFold.bytes(pending.getArguments()), InterpretQuery.class).getText();
        return interpreter.interpret(text, context);
    }
}
