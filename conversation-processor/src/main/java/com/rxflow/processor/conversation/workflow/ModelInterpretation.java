package com.rxflow.processor.conversation.workflow;

import java.util.List;
import java.util.Set;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.InterpretationProposed;
import com.rxflow.events.conversation.ProposalOutcome;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tool.ToolResultType;
import com.rxflow.events.tools.InterpretQuery;
import com.rxflow.events.tools.InterpretationProposal;
import com.rxflow.processor.conversation.workflow.WorkflowPolicy.ModelMode;
import com.rxflow.processor.understanding.DrugVocabulary;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.processor.understanding.ProposalValidator;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.PendingWork;

/**
 * The language model's part in understanding, fenced in. The model never runs here: the
 * conversation asks for an interpretation with the {@code interpret} tool (tools-service calls the
 * model off the stream thread), and the answer comes back as a tool result, is validated by
 * deterministic code and recorded as {@code INTERPRETATION_PROPOSED}, so a replay needs no model.
 *
 * <ul>
 *   <li>The safety screen has answered before a model is asked, whatever it would say.</li>
 *   <li>Answers to the assistant's questions ("yes", "the second one") are never sent: an order is
 *       confirmed by the patient's explicit yes as the keyword rules read it, not by a model.</li>
 *   <li>SHADOW: every other message is sent; the proposal is recorded with whether it agrees, and
 *       never used.</li>
 *   <li>PRIMARY: a message the keyword rules are not sure of waits for the proposal (up to the model
 *       timeout); a valid one takes the semantic classifier's place; an invalid one, a failure or a
 *       timeout leaves the deterministic interpreter to answer alone.</li>
 * </ul>
 */
final class ModelInterpretation {

    static final String PRIMARY = "MODEL";
    static final String SHADOW = "MODEL_SHADOW";
    static final Set<String> PURPOSES = Set.of(PRIMARY, SHADOW);

    private final DrugVocabulary vocabulary = DrugVocabulary.bundled();
    private final ProposalValidator validator = new ProposalValidator(vocabulary);

    /** Whether a pending call is a model's (such calls are never retried: the interpreter answers instead). */
    static boolean isModelCall(PendingWork pending) {
        return PURPOSES.contains(pending.getPurpose());
    }

    /** Whether the message must wait for the model's interpretation before it is handled. */
    boolean waitsForModel(Turn turn, Interpretation understood, boolean awaitingAnswer) {
        return turn.policy().modelMode() == ModelMode.PRIMARY && !awaitingAnswer && !keywordSure(understood);
    }

    /** Asks for the model's interpretation of a message the patient wrote, in the policy's mode. */
    void ask(Turn turn, Message message, InterpretationContext context, boolean waits) {
        ModelMode mode = turn.policy().modelMode();
        if (mode == ModelMode.OFF || mode == ModelMode.PRIMARY && !waits) {
            return;
        }
        InterpretQuery query = InterpretQuery.newBuilder().setText(message.text())
                .setMedications(context.medications().stream().map(InterpretationContext.KnownMedication::name).toList())
                .setVocabulary(vocabulary.drugs().stream().map(DrugVocabulary.Drug::generic).toList())
                .setIntents(List.of(Intent.values()).stream().filter(i -> !i.equals(Intent.YES) && !i.equals(Intent.NO)
                        && !i.equals(Intent.CORRECTION)).map(Enum::name).toList())
                .build();
        String purpose = mode == ModelMode.PRIMARY ? PRIMARY : SHADOW;
        turn.invoke(ToolContracts.INTERPRET, query, purpose, purpose);
    }

    /**
     * The model answered (or failed): the proposal is validated against the patient's context and
     * recorded; in primary mode the valid part is kept for the message it belongs to.
     */
    void answered(Turn turn, PendingWork pending, ToolResult result, Interpretation deterministic,
            InterpretationContext context) {
        boolean completed = result.getType() == ToolResultType.TOOL_COMPLETED;
        InterpretationProposed.Builder event = base(turn, pending, deterministic);
        if (!completed) {
            record(turn, event.setOutcome(ProposalOutcome.FAILED).setFailureReason(result.getFailed().getReasonCode()));
            return;
        }
        InterpretationProposal proposal = turn.codec().decode(ConversationFold.bytes(result.getCompleted().getResult()),
                InterpretationProposal.class);
        ProposalValidator.Validated valid = validator.validate(proposal.getIntent(), proposal.getMedications(), context);
        event.setProposedIntent(proposal.getIntent())
                .setAcceptedIntent(valid.accepted() ? valid.intent().name() : null)
                .setAgreed(valid.accepted() && valid.intent() == deterministic.intent())
                .setMedications(valid.medications().stream().map(m -> m.name()).toList())
                .setDropped(valid.dropped())
                .setOutcome(!valid.accepted() ? ProposalOutcome.REJECTED
                        : valid.dropped().isEmpty() ? ProposalOutcome.ACCEPTED : ProposalOutcome.PARTLY_ACCEPTED);
        record(turn, event);
        if (PRIMARY.equals(pending.getPurpose()) && valid.accepted()) {
            turn.keepProposal(pending.getMessageId(), valid);
        }
    }

    /** The model did not answer in time: recorded, and the interpreter answers alone. */
    void timedOut(Turn turn, PendingWork pending, Interpretation deterministic) {
        record(turn, base(turn, pending, deterministic).setOutcome(ProposalOutcome.TIMED_OUT).setFailureReason("TIMEOUT"));
    }

    /**
     * Understanding with the model's validated proposal, where primary mode has one for the message:
     * it replaces the semantic classifier's reading, never a sure reading of the keyword rules; the
     * entities (strengths, ZIP codes, pharmacy choices) stay the interpreter's.
     */
    static Interpretation withProposal(Interpretation understood, ProposalValidator.Validated proposal) {
        if (proposal == null || keywordSure(understood)) {
            return understood;
        }
        Interpretation model = understood.withIntent(proposal.intent(), Set.of(proposal.intent()),
                Interpretation.Layer.MODEL, true);
        if (!understood.medications().isEmpty() || proposal.medications().isEmpty()) {
            return model;
        }
        return new Interpretation(model.intent(), model.intents(), proposal.medications(), model.strength(),
                model.quantity(), model.daysSupply(), model.zip(), model.pharmacy(), model.unresolvedTerm(),
                Interpretation.Layer.MODEL, true);
    }

    private static boolean keywordSure(Interpretation understood) {
        return understood.understoodBy() == Interpretation.Layer.KEYWORD && understood.confident();
    }

    private static InterpretationProposed.Builder base(Turn turn, PendingWork pending, Interpretation deterministic) {
        return InterpretationProposed.newBuilder().setMessageId(pending.getMessageId()).setRequestId(pending.getId())
                .setMode(PRIMARY.equals(pending.getPurpose()) ? com.rxflow.events.conversation.ModelMode.PRIMARY
                        : com.rxflow.events.conversation.ModelMode.SHADOW)
                .setDeterministicIntent(deterministic.intent().name());
    }

    private static void record(Turn turn, InterpretationProposed.Builder event) {
        turn.record(ConversationEventType.INTERPRETATION_PROPOSED, e -> e.setInterpretationProposed(event.build()));
    }
}
