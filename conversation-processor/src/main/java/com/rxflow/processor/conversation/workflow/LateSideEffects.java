package com.rxflow.processor.conversation.workflow;

import java.nio.ByteBuffer;
import java.util.List;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.LateSideEffect;
import com.rxflow.events.conversation.LateSideEffectRecorded;
import com.rxflow.events.conversation.ToolOutcomeRecorded;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.tool.ToolCompleted;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tools.OrderCancelled;
import com.rxflow.events.tools.OrderPlaced;
import com.rxflow.events.tools.OrderSummary;
import com.rxflow.events.tools.RenewalRequested;
import com.rxflow.processor.conversation.workflow.handoff.Cases;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.tool.ToolContract;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.schemas.tool.ToolEffect;

/**
 * A tool with side effects that completed after the conversation gave up on it: an order placed,
 * cancelled or a renewal sent after the patient heard that the pharmacy system was not answering.
 * tools-service refuses such a command once its deadline passed, but a command without one (from
 * an older release) or a clock running behind can still let it through. The answer is never
 * dropped: it is recorded as {@code LATE_SIDE_EFFECT_RECORDED} and put before a pharmacist in a case
 * of its own (HIGH, reason {@code LATE_SIDE_EFFECT}), who decides with the patient whether to keep
 * or undo it. The conversation itself goes on where it stands.
 */
final class LateSideEffects {

    /** The reason code of a timeout the conversation itself recorded when it gave up on a call. */
    static final String GAVE_UP = "TIMEOUT";

    private final AvroCodec codec;

    LateSideEffects(AvroCodec codec) {
        this.codec = codec;
    }

    /** Whether a tool's effect is a side effect; a tool this release does not know is taken as one. */
    static boolean hasSideEffects(String tool) {
        return ToolContracts.byName(tool).map(ToolContract::effect).orElse(ToolEffect.SIDE_EFFECT).hasSideEffects();
    }

    /**
     * Whether an outcome is the conversation giving up on a call with side effects: its own
     * non-retryable TIMEOUT (tools-service's TIMEOUT is always retryable, and is an answer).
     */
    static boolean gaveUpOnASideEffect(ToolOutcomeRecorded outcome) {
        return !outcome.getSucceeded() && GAVE_UP.equals(outcome.getReasonCode()) && !outcome.getRetryable()
                && hasSideEffects(outcome.getTool());
    }

    /**
     * A completed answer that matched no pending call: recorded and put on a case when it answers
     * a call with side effects the conversation gave up on (once: a repeat finds nothing to do);
     * false for any other late, repeated or foreign answer, which changed nothing to report.
     */
    boolean completedLate(Turn turn, ToolResult result) {
        ToolCompleted completed = result.getCompleted();
        if (!turn.snapshot().getAbandonedCalls().contains(completed.getRequestId())) {
            return false;
        }
        Effect effect = describe(completed);
        turn.answering(null); // it answers no message of the patient's any more
        String escalationId = Cases.open(turn, EscalationRoute.PHARMACIST, EscalationPriority.HIGH,
                List.of(EventCodes.code(Trigger.LATE_SIDE_EFFECT)), effect.forPharmacist(), effect.medication(), false,
                null);
        turn.record(ConversationEventType.LATE_SIDE_EFFECT_RECORDED, e -> e.setLateSideEffect(LateSideEffectRecorded
                .newBuilder().setRequestId(completed.getRequestId()).setTool(completed.getTool())
                .setEffect(effect.kind()).setReference(effect.reference())
                .setResult(ByteBuffer.wrap(ConversationFold.bytes(completed.getResult())))
                .setDataSource(completed.getDataSource()).setCompletedAt(result.getMetadata().getOccurredAt())
                .setEscalationId(escalationId).build()));
        return true;
    }

    private record Effect(LateSideEffect kind, String reference, String medication, String forPharmacist) {
    }

    private Effect describe(ToolCompleted completed) {
        byte[] bytes = ConversationFold.bytes(completed.getResult());
        String tool = completed.getTool();
        String told = " after the patient was told the pharmacy system was not answering. Please check with the "
                + "patient whether to keep it or undo it. (Request " + completed.getRequestId() + ", not the patient's words.)";
        if (tool.equals(ToolContracts.PLACE_ORDER.name())) {
            OrderSummary order = codec.decode(bytes, OrderPlaced.class).getOrder();
            return new Effect(LateSideEffect.ORDER_PLACED, order.getOrderId(), order.getMedication(),
                    "Order " + order.getOrderId() + " (" + order.getMedication() + " " + order.getStrength() + ", quantity "
                            + order.getQuantity() + ", at " + order.getPharmacyName() + ") was placed" + told);
        }
        if (tool.equals(ToolContracts.CANCEL_ORDER.name())) {
            OrderSummary order = codec.decode(bytes, OrderCancelled.class).getOrder();
            return new Effect(LateSideEffect.ORDER_CANCELLED, order.getOrderId(), order.getMedication(),
                    "Order " + order.getOrderId() + " (" + order.getMedication() + ") was cancelled" + told);
        }
        if (tool.equals(ToolContracts.REQUEST_RENEWAL.name())) {
            RenewalRequested renewal = codec.decode(bytes, RenewalRequested.class);
            return new Effect(LateSideEffect.RENEWAL_REQUESTED, renewal.getRenewalId(), renewal.getMedication(),
                    "A renewal of " + renewal.getMedication() + " (" + renewal.getRenewalId() + ") was sent to the "
                            + "prescriber" + told);
        }
        return new Effect(LateSideEffect.UNKNOWN, null, null, "The tool " + tool + " completed" + told);
    }
}
