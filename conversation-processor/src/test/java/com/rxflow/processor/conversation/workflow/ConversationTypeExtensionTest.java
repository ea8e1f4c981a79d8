package com.rxflow.processor.conversation.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.PharmacyFixtures;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.processor.understanding.Interpretation;

/** The documented extension point: a type registered with {@link ConversationTypes#with} serves its intents. */
class ConversationTypeExtensionTest {

    /** A test-only type: it takes adherence questions over from simple and offers a reminder. */
    static final class ReminderConversation implements ConversationType {

        static final Step OFFER_REMINDER = new Step("OFFER_REMINDER", Lifecycle.GATHERING_INFO,
                "Offering a daily reminder.");

        @Override
        public String name() {
            return "reminder";
        }

        @Override
        public Set<Intent> intents() {
            return Set.of(Intent.ADHERENCE);
        }

        @Override
        public List<Step> steps() {
            return List.of(OFFER_REMINDER);
        }

        @Override
        public List<Transition> transitions() {
            return List.of(new Transition(Steps.UNDERSTAND_REQUEST, OFFER_REMINDER, "adherence asked"));
        }

        @Override
        public void open(Turn turn, Message message, Interpretation understood) {
            turn.updateRequest(name(), RequestChange.OPENED, RequestDetails.newBuilder().setIntent("ADHERENCE")
                    .setQuestion(message.text()).build());
            turn.goTo(Steps.UNDERSTAND_REQUEST, Trigger.ADHERENCE);
            turn.goTo(OFFER_REMINDER, Trigger.ADHERENCE);
            turn.say("Would you like a daily reminder?");
        }

        @Override
        public boolean answer(Turn turn, Message message, Interpretation understood) {
            turn.updateRequest(RequestChange.FINISHED, null);
            turn.goTo(Steps.COMPLETE, Trigger.ANSWERED);
            turn.say(understood.isExplicitYes() ? "Reminder set." : "OK, no reminder.");
            return true;
        }

        @Override
        public void onBatch(Turn turn, Batch batch) {
        }

        @Override
        public void resume(Turn turn) {
            turn.say("Would you like a daily reminder?");
        }
    }

    private ConversationDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aRegisteredTypeServesItsIntentWithItsOwnSteps() {
        ConversationTypes types = ConversationTypes.defaults().with(new ReminderConversation());
        driver = new ConversationDriver(PharmacyFixtures.seed(), types, ConversationDriver.T0);
        driver.open("c-x");

        assertThat(driver.say("c-x", "m-1", "how is my adherence for omeprazole?")).singleElement()
                .satisfies(r -> assertThat(r.getReplied().getText()).isEqualTo("Would you like a daily reminder?"));
        assertThat(driver.state("c-x").getStep()).isEqualTo("OFFER_REMINDER");
        assertThat(driver.state("c-x").getConversationType()).isEqualTo("reminder");
        assertThat(driver.say("c-x", "m-2", "yes")).singleElement()
                .satisfies(r -> assertThat(r.getReplied().getText()).isEqualTo("Reminder set."));
        assertThat(types.machine().mermaid()).contains("UNDERSTAND_REQUEST --> OFFER_REMINDER : adherence asked");
        assertThat(types.forIntent(Intent.REFILL).orElseThrow().name()).isEqualTo("refill");
    }

    @Test
    void aMoveNobodyDeclaredIsRefused() {
        StateMachine machine = ConversationTypes.defaults().machine();

        assertThat(machine.allows(Steps.CONFIRM_DOSAGE, Steps.PLACE_ORDER)).isFalse();
        assertThat(machine.allows(Steps.CONFIRM_ORDER, Steps.PLACE_ORDER)).isTrue();
        assertThat(machine.allows(Steps.IDENTIFY_MEDICATION, Steps.COMPLETE)).as("GATHERING_INFO -> COMPLETED").isFalse();
        assertThatThrownBy(() -> machine.check(Steps.SELECT_PHARMACY, Steps.PLACE_ORDER, "TEST"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SELECT_PHARMACY");
        assertThat(Lifecycle.COMPLETED.canMoveTo(Lifecycle.GATHERING_INFO)).isFalse();
        assertThat(Lifecycle.ERROR.canMoveTo(Lifecycle.GATHERING_INFO)).isTrue();
    }
}
