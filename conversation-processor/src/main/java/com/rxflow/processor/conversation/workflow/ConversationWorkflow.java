package com.rxflow.processor.conversation.workflow;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.rxflow.events.common.EventMetadata;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.ConversationStarted;
import com.rxflow.events.conversation.DeferredMessageResumed;
import com.rxflow.events.conversation.PatientMessageAccepted;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.patient.ConversationOpened;
import com.rxflow.events.patient.PatientEvent;
import com.rxflow.events.patient.PatientMessageReceived;
import com.rxflow.events.tool.ToolResult;
import com.rxflow.events.tools.PatientProfileQuery;
import com.rxflow.processor.conversation.workflow.handoff.CaseEvents;
import com.rxflow.processor.conversation.workflow.handoff.Handoff;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;
import com.rxflow.processor.understanding.InterpretationContext;
import com.rxflow.processor.understanding.Interpreter;
import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.safety.Screening;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.schemas.tool.ToolContracts;
import com.rxflow.state.ConversationSnapshot;
import com.rxflow.state.EscalationFact;

/**
 * The conversation workflow as a pure function: given a conversation's state and one incoming
 * event (a patient message, a tool result, an escalation event or a timer), decide the new state
 * and the records to publish. No I/O, no clock of its own, no randomness: every decision is
 * unit-tested without a broker and every conversation replays from its domain log.
 *
 * <p>Order of concerns for a patient message, which no conversation type can change: binding to
 * one patient and client, deduplication by message id, the safety screen, deferral while tools are
 * working, the pharmacist handoff (forwarding while a pharmacist owns the conversation), start over /
 * cancel / ask for a person, and only then the conversation type of the request.
 */
public final class ConversationWorkflow implements Turn.Workflow {

    public static final String PROFILE = "PROFILE";

    private final SafetyScreen screen;
    private final Interpreter interpreter;
    private final ConversationTypes types;
    private final WorkflowPolicy policy;
    private final AvroCodec codec;
    private final ConversationFold fold;
    private final ModelInterpretation model = new ModelInterpretation();
    private final ToolAnswers tools;

    public ConversationWorkflow(SafetyScreen screen, Interpreter interpreter, ConversationTypes types,
            WorkflowPolicy policy, AvroCodec codec) {
        this.screen = screen;
        this.interpreter = interpreter;
        this.types = types;
        this.policy = policy;
        this.codec = codec;
        this.fold = new ConversationFold(codec);
        this.tools = new ToolAnswers(interpreter, types, codec, model);
    }

    @Override
    public AvroCodec codec() {
        return codec;
    }

    @Override
    public ConversationFold fold() {
        return fold;
    }

    @Override
    public StateMachine machine() {
        return types.machine();
    }

    @Override
    public WorkflowPolicy policy() {
        return policy;
    }

    public ConversationTypes types() {
        return types;
    }

    /** The timers the conversation needs now, for the processor's timer index. */
    public List<Timers.Timer> timers(ConversationSnapshot snapshot) {
        return Timers.of(snapshot, policy);
    }

    /** As {@link #decide(ConversationSnapshot, Object, Instant, WorkflowFeatures)} with every feature on. */
    public Decision decide(ConversationSnapshot current, Object input, Instant now) {
        return decide(current, input, now, WorkflowFeatures.ALL);
    }

    /**
     * @param current  the conversation's state, or null if it has none yet
     * @param input    a PatientEvent, ToolResult or EscalationEvent keyed to this conversation, or a TimerFired
     * @param now      when the decision is made
     * @param features the switchable parts of the workflow, as they apply to this conversation's patient
     */
    public Decision decide(ConversationSnapshot current, Object input, Instant now, WorkflowFeatures features) {
        if (input instanceof PatientEvent event) {
            Turn turn = new Turn(this, current, event.getMetadata(), now, features);
            switch (event.getType()) {
                case CONVERSATION_OPENED -> open(turn, event.getConversationOpened());
                case MESSAGE_RECEIVED -> receive(turn, event.getMessageReceived());
                default -> { } // a kind this release does not know: skipped
            }
            return turn.decision();
        }
        if (input instanceof ToolResult result) {
            Turn turn = new Turn(this, current, result.getMetadata(), now, features);
            if (current != null) {
                if (tools.answered(turn, result)) {
                    drainDeferred(turn);
                }
            }
            return turn.decision();
        }
        if (input instanceof EscalationEvent event) {
            Turn turn = new Turn(this, current, event.getMetadata(), now, features);
            if (current != null) {
                turn.answering(null); // what a person does answers no message of the patient's
                CaseEvents.onEvent(turn, event);
                drainDeferred(turn);
            }
            return turn.decision();
        }
        if (input instanceof TimerFired timer) {
            if (current == null || !timers(current).contains(timer.timer())) {
                return new Decision(current, List.of()); // the timer was settled meanwhile
            }
            Turn turn = new Turn(this, current, timerCause(current, timer), now, features);
            onTimer(turn, timer.timer());
            return turn.decision();
        }
        throw new IllegalArgumentException("the conversation workflow does not take " + input.getClass().getName());
    }

    // ---- conversation start

    private void open(Turn turn, ConversationOpened opened) {
        ConversationSnapshot existing = turn.snapshot();
        if (existing != null) {
            if (!existing.getPatientId().equals(opened.getPatientId())
                    || !existing.getClientId().equals(opened.getClientId())) {
                turn.reject("ALREADY_OPENED", "the conversation is already bound to another patient or client");
            }
            return;
        }
        start(turn, opened.getPatientId(), opened.getChannel(), opened.getClientId());
    }

    /** Binds the conversation, greets with the disclosure and asks for the patient's profile. */
    private void start(Turn turn, String patientId, String channel, String clientId) {
        turn.record(ConversationEventType.CONVERSATION_STARTED, e -> e.setStarted(
                new ConversationStarted(patientId, channel, clientId, ConversationTypes.SIMPLE)));
        String previous = turn.messageId();
        turn.answering(null);
        turn.say("Hello! " + Wording.DISCLOSURE + ". I can refill your prescriptions, answer questions "
                + "about your medications, find a pharmacy with the best price, and connect you with a pharmacist. "
                + "How can I help you today?",
                List.of("Refill a prescription", "My medications", "Find a pharmacy", "Talk to a pharmacist"), List.of());
        turn.invoke(ToolContracts.PATIENT_PROFILE, PatientProfileQuery.newBuilder().build(), PROFILE, PROFILE);
        turn.answering(previous);
    }

    // ---- patient messages

    private void receive(Turn turn, PatientMessageReceived message) {
        String patientId = turn.cause().getPatientId();
        if (turn.snapshot() == null) {
            // a channel that speaks Kafka may send the first message without opening the conversation
            if (patientId == null) {
                turn.reject("NOT_OPENED", "a message for an unknown conversation must name its patient");
                return;
            }
            start(turn, patientId, message.getChannel(), message.getClientId());
        }
        ConversationSnapshot snapshot = turn.snapshot();
        if (patientId != null && !patientId.equals(snapshot.getPatientId())) {
            turn.reject("PATIENT_MISMATCH", "the message names another patient than the conversation's");
            return;
        }
        if (!message.getClientId().equals(snapshot.getClientId())) {
            turn.reject("CLIENT_MISMATCH", "the message comes from another channel client than the conversation's");
            return;
        }
        if (snapshot.getRecentMessageIds().contains(message.getMessageId())) {
            // a client retry: the first delivery's turn stands; its answer is said again once it is complete
            RepeatedMessages.answerAgain(turn, message.getMessageId());
            return;
        }
        turn.answering(message.getMessageId());
        Message msg = new Message(message.getMessageId(), message.getText());
        Screening screening = screen.screen(message.getText(), PatientContext.forScreen(snapshot));
        EscalationFact hold = Holds.active(snapshot);
        boolean busy = !screening.alarms() && hold == null && (turn.waitingOnTools() || !snapshot.getDeferred().isEmpty());
        boolean full = busy && snapshot.getDeferred().size() >= ConversationFold.MAX_DEFERRED;
        // a message the keyword rules are not sure of waits for the model, in primary mode
        boolean free = !screening.alarms() && hold == null && !busy;
        InterpretationContext context = policy.modelMode() == WorkflowPolicy.ModelMode.OFF ? null : PatientContext.forInterpreter(turn);
        boolean waits = free && policy.modelMode() == WorkflowPolicy.ModelMode.PRIMARY
                && model.waitsForModel(turn, understand(turn, msg.text()), context.awaitingAnswer());
        int number = snapshot.getTurns() + 1;
        turn.record(ConversationEventType.MESSAGE_ACCEPTED, e -> e.setMessageAccepted(PatientMessageAccepted.newBuilder()
                .setMessageId(msg.messageId()).setText(msg.text()).setTurn(number).setDeferred(busy && !full || waits)
                .build()));
        if (screening.alarms()) {
            Handoff.emergency(turn, msg, screening);
            return;
        }
        if (full) {
            turn.say("I'm still working on your earlier messages. I'll answer them in order; please wait a moment.");
            return;
        }
        if (busy) {
            return; // answered in order once the tools the conversation waits on have answered
        }
        if (hold != null) {
            Handoff.whileHeld(turn, msg, hold, understand(turn, msg.text()));
            return;
        }
        if (context != null && !context.awaitingAnswer()) {
            model.ask(turn, msg, context, waits);
        }
        if (waits) {
            return; // answered when the model's proposal arrives, or when it times out
        }
        handle(turn, msg);
        drainDeferred(turn);
    }

    @Override
    public Interpretation understand(Turn turn, String text) {
        return ModelInterpretation.withProposal(interpreter.interpret(text, PatientContext.forInterpreter(turn)),
                turn.proposal());
    }

    /** A message the assistant handles (not held, not deferred, no red flag). */
    void handle(Turn turn, Message message) {
        Interpretation understood = understand(turn, message.text());
        Step step = turn.step();
        if (understood.has(Intent.START_OVER)) {
            PatientControls.startOver(turn);
            return;
        }
        if (understood.intent() == Intent.CANCEL) {
            PatientControls.cancel(turn);
            return;
        }
        if (understood.has(Intent.TALK_TO_PERSON)) {
            Handoff.toPharmacist(turn, message, Trigger.PATIENT_REQUEST, List.of(), EscalationPriority.ROUTINE,
                    Handoff.resumeHere(turn), "I'm connecting you with a pharmacist. A pharmacist will answer you here in this conversation.");
            return;
        }
        if (step.lifecycle() == Lifecycle.ERROR && turn.request() != null
                && (understood.intent() == Intent.YES || message.text().toLowerCase(java.util.Locale.ROOT).contains("try again"))) {
            PatientControls.retry(turn);
            return;
        }
        Optional<ConversationType> current = types.byName(turn.snapshot().getConversationType());
        if (turn.request() != null && step.asksThePatient() && current.isPresent()
                && current.get().answer(turn, message, understood)) {
            return;
        }
        Optional<ConversationType> type = understood.intent().isRequest() ? types.forIntent(understood.intent())
                : Optional.empty();
        if (type.isEmpty()) {
            PatientControls.smallTalk(turn, understood);
            return;
        }
        if (turn.request() != null) {
            // a new request while one is open: the open one is given up, recorded as cancelled
            turn.closeRequest(Steps.CANCELLED, Trigger.NEW_REQUEST);
        }
        type.get().open(turn, message, understood);
    }

    /** Messages that waited while tools worked are taken up in order once nothing blocks them. */
    void drainDeferred(Turn turn) {
        while (!turn.snapshot().getDeferred().isEmpty() && !turn.waitingOnTools()) {
            var next = turn.snapshot().getDeferred().get(0);
            turn.answering(next.getMessageId());
            turn.record(ConversationEventType.DEFERRED_MESSAGE_RESUMED, e -> e.setDeferredResumed(
                    new DeferredMessageResumed(next.getMessageId())));
            Message message = new Message(next.getMessageId(), next.getText());
            EscalationFact hold = Holds.active(turn.snapshot());
            if (hold != null) {
                Handoff.whileHeld(turn, message, hold, understand(turn, message.text()));
            } else {
                handle(turn, message);
            }
        }
    }

    // ---- timers

    private static EventMetadata timerCause(ConversationSnapshot snapshot, TimerFired timer) {
        String key = timer.timer().key(snapshot.getConversationId());
        return EventMetadata.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("timer|" + key).getBytes(StandardCharsets.UTF_8)).toString())
                .setConversationId(snapshot.getConversationId()).setPatientId(snapshot.getPatientId())
                .setOccurredAt(timer.dueAt()).setCorrelationId(snapshot.getConversationId()).setCausationId(null)
                .setSource(Turn.SOURCE).build();
    }

    private void onTimer(Turn turn, Timers.Timer timer) {
        turn.answering(null);
        switch (timer.kind()) {
            case Timers.TOOL_TIMEOUT -> {
                if (tools.timedOut(turn, timer.ref().substring(0, timer.ref().lastIndexOf('#')))) {
                    drainDeferred(turn);
                }
            }
            case Timers.PHARMACIST_WAIT -> CaseEvents.waitNotice(turn, timer.ref());
            case Timers.INACTIVITY -> PatientControls.closeForInactivity(turn);
            default -> { }
        }
    }
}
