package com.rxflow.processor.conversation.workflow;

import static com.rxflow.processor.conversation.Inputs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.processor.conversation.Inputs;
import com.rxflow.schemas.avro.AvroCodec;
import com.rxflow.state.ConversationSnapshot;

class ConversationWorkflowTest {

    private static final String CONVERSATION = "c-1";
    private static final String PATIENT = "patient_001";

    private final ConversationWorkflow workflow = new ConversationWorkflow(AvroCodec.shared());

    @Test
    void openingAConversationBindsItToItsPatientAndClient() {
        Decision decision = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0);

        assertThat(decision.snapshot().getPatientId()).isEqualTo(PATIENT);
        assertThat(decision.snapshot().getClientId()).isEqualTo(Inputs.CLIENT);
        assertThat(decision.snapshot().getState()).isEqualTo("INITIALIZED");
        assertThat(eventTypes(decision)).containsExactly(ConversationEventType.CONVERSATION_STARTED);
    }

    @Test
    void aMessageAsksTheMedicationHistoryToolForTheBoundPatient() {
        ConversationSnapshot opened = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot();

        Decision decision = workflow.decide(opened, Inputs.message(CONVERSATION, PATIENT, "m-1", "what do I take?"), T0);

        ToolCommand command = only(decision, ToolCommand.class);
        assertThat(command.getInvokeTool().getTool()).isEqualTo(ConversationWorkflow.MEDICATION_HISTORY);
        assertThat(command.getMetadata().getPatientId()).isEqualTo(PATIENT);
        assertThat(command.getMetadata().getCorrelationId()).isEqualTo("m-1");
        assertThat(decision.snapshot().getState()).isEqualTo("PROCESSING");
        assertThat(decision.snapshot().getPending()).singleElement()
                .satisfies(p -> assertThat(p.getMessageId()).isEqualTo("m-1"));
        assertThat(eventTypes(decision)).containsExactly(ConversationEventType.MESSAGE_ACCEPTED,
                ConversationEventType.STATE_CHANGED, ConversationEventType.TOOL_REQUESTED,
                ConversationEventType.STATE_CHANGED);
    }

    @Test
    void theToolsAnswerBecomesTheReplyToTheMessage() {
        ConversationSnapshot asked = asked("m-1");
        ToolCommand command = lastCommand;

        Decision decision = workflow.decide(asked, Inputs.completed(command, "John", "lisinopril", "omeprazole"), T0);

        ReplyEvent reply = only(decision, ReplyEvent.class);
        assertThat(reply.getReplied().getInReplyTo()).isEqualTo("m-1");
        assertThat(reply.getReplied().getText()).contains("John").contains("Lisinopril, Omeprazole");
        assertThat(reply.getReplied().getSequence()).isEqualTo(1L);
        assertThat(reply.getReplied().getTurnComplete()).isTrue();
        assertThat(decision.snapshot().getState()).isEqualTo("COMPLETED");
        assertThat(decision.snapshot().getPending()).isEmpty();
    }

    @Test
    void aRepeatedMessageIdIsNotANewTurn() {
        ConversationSnapshot asked = asked("m-1");

        Decision again = workflow.decide(asked, Inputs.message(CONVERSATION, PATIENT, "m-1", "what do I take?"), T0);

        assertThat(again.outputs()).isEmpty();
        assertThat(again.snapshot().getTurns()).isEqualTo(1);
    }

    @Test
    void aRepeatedToolResultIsIgnored() {
        ConversationSnapshot asked = asked("m-1");
        var result = Inputs.completed(lastCommand, "John", "lisinopril");
        ConversationSnapshot answered = workflow.decide(asked, result, T0).snapshot();

        assertThat(workflow.decide(answered, result, T0).outputs()).isEmpty();
    }

    @Test
    void aMessageNamingAnotherPatientIsRejectedWithoutAReply() {
        ConversationSnapshot opened = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot();

        Decision decision = workflow.decide(opened, Inputs.message(CONVERSATION, "patient_002", "m-1", "hi"), T0);

        assertThat(eventTypes(decision)).containsExactly(ConversationEventType.INPUT_REJECTED);
        assertThat(decision.outputs()).noneMatch(o -> o instanceof ToolCommand || o instanceof ReplyEvent);
        assertThat(decision.snapshot().getTurns()).isZero();
    }

    @Test
    void aFailedToolEndsInErrorAndTheNextMessageRetries() {
        ConversationSnapshot asked = asked("m-1");
        ConversationSnapshot failed = workflow.decide(asked, Inputs.failed(lastCommand), T0).snapshot();
        assertThat(failed.getState()).isEqualTo("ERROR");

        Decision retry = workflow.decide(failed, Inputs.message(CONVERSATION, PATIENT, "m-2", "try again"), T0);

        assertThat(retry.snapshot().getState()).isEqualTo("PROCESSING");
        assertThat(only(retry, ToolCommand.class)).isNotNull();
    }

    @Test
    void askingForAPharmacistOpensACaseAndTheOpeningIsAnnounced() {
        ConversationSnapshot opened = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot();

        Decision escalated = workflow.decide(opened,
                Inputs.message(CONVERSATION, PATIENT, "m-1", "Can I talk to a pharmacist?"), T0);
        EscalationCommand command = only(escalated, EscalationCommand.class);
        assertThat(command.getEscalate().getRoute()).isEqualTo(EscalationRoute.PHARMACIST);
        assertThat(command.getEscalate().getQuestion()).isEqualTo("Can I talk to a pharmacist?");

        Decision announced = workflow.decide(escalated.snapshot(), Inputs.escalationOpened(command), T0);
        assertThat(only(announced, ReplyEvent.class).getReplied().getText()).contains("pharmacist");
        assertThat(announced.snapshot().getStep()).isEqualTo("WITH_PHARMACIST");
    }

    @Test
    void decidingTheSameEventTwiceGivesIdenticalRecords() {
        ConversationSnapshot opened = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot();
        var message = Inputs.message(CONVERSATION, PATIENT, "m-1", "hello");

        assertThat(workflow.decide(opened, message, T0)).isEqualTo(workflow.decide(opened, message, T0));
    }

    @Test
    void theInputStateIsNeverModified() {
        ConversationSnapshot opened = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot();
        ConversationSnapshot copy = ConversationSnapshot.newBuilder(opened).build();

        workflow.decide(opened, Inputs.message(CONVERSATION, PATIENT, "m-1", "hello"), T0);

        assertThat(opened).isEqualTo(copy);
    }

    @Test
    void theLifecycleRefusesMovesTheGuideDoesNotAllow() {
        assertThat(Lifecycle.COMPLETED.canMoveTo(Lifecycle.GATHERING_INFO)).isFalse();
        assertThat(Lifecycle.ERROR.canMoveTo(Lifecycle.GATHERING_INFO)).isTrue();
        Turn turn = new Turn(workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot(),
                Inputs.opened(CONVERSATION, PATIENT).getMetadata(), T0);
        assertThatThrownBy(() -> turn.moveTo(Lifecycle.COMPLETED, null, "TEST"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("INITIALIZED -> COMPLETED");
    }

    private ToolCommand lastCommand;

    private ConversationSnapshot asked(String messageId) {
        ConversationSnapshot opened = workflow.decide(null, Inputs.opened(CONVERSATION, PATIENT), T0).snapshot();
        Decision decision = workflow.decide(opened, Inputs.message(CONVERSATION, PATIENT, messageId, "what do I take?"), T0);
        lastCommand = only(decision, ToolCommand.class);
        return decision.snapshot();
    }

    private static <T extends SpecificRecord> T only(Decision decision, Class<T> type) {
        List<T> matching = decision.outputs().stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).as("outputs of type %s", type.getSimpleName()).hasSize(1);
        return matching.get(0);
    }

    private static List<ConversationEventType> eventTypes(Decision decision) {
        return decision.outputs().stream().filter(ConversationEvent.class::isInstance)
                .map(o -> ((ConversationEvent) o).getType()).toList();
    }
}
