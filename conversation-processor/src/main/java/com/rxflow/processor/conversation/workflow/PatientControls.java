package com.rxflow.processor.conversation.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.rxflow.events.conversation.ConversationClosed;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.processor.understanding.Interpretation;

/**
 * What the patient can say whatever the request, and the conversation's own ending: small talk,
 * start over, cancel, try again after an error; and the close after the idle time. The workflow
 * runs these before any conversation type sees the message, so no type can override them.
 */
final class PatientControls {

    private PatientControls() {
    }

    /** Greetings, thanks, goodbyes, help, and a message nobody understood: one answer, never a request. */
    static void smallTalk(Turn turn, Interpretation understood) {
        String name = turn.profile() == null || turn.profile().getFirstName() == null ? ""
                : " " + turn.profile().getFirstName();
        String text;
        switch (understood.intent()) {
            case GREETING -> text = "Hello" + name + "! How can I help you today?";
            case THANKS -> text = "You're welcome" + name + "! Is there anything else I can help you with?";
            case GOODBYE -> text = "Goodbye" + name + ", take care!";
            case YES, NO -> text = "What can I help you with? I can refill a prescription, tell you about your "
                    + "medications, find a pharmacy or connect you with a pharmacist.";
            case HELP -> text = Wording.DISCLOSURE + ". I can refill a prescription, list your medications, explain "
                    + "what a medication is for, check prices, coverage and order status, find a pharmacy, or connect "
                    + "you with a pharmacist. What would you like to do?";
            // not understood: one clarifying question that names what the assistant can do, never a listing
            default -> text = "Sorry, I didn't quite understand. Would you like to refill a prescription, check an "
                    + "order, ask about a price or your coverage, find a pharmacy, or talk to a pharmacist?";
        }
        turn.say(text, List.of("Refill a prescription", "My medications", "Talk to a pharmacist"), List.of());
    }

    /** "Start over": the open request is dropped and the conversation is back at START. */
    static void startOver(Turn turn) {
        if (turn.request() != null) {
            turn.updateRequest(RequestChange.STARTED_OVER, null);
        }
        turn.goTo(Steps.START, Trigger.START_OVER);
        turn.say("Let's start over. What can I help you with?",
                List.of("Refill a prescription", "My medications", "Find a pharmacy"), List.of());
    }

    /** "Cancel": the open request ends without side effects (no tool call, no case). */
    static void cancel(Turn turn) {
        if (turn.request() == null) {
            turn.say("There's nothing to cancel right now. What can I help you with?");
            return;
        }
        turn.closeRequest(Steps.CANCELLED, Trigger.CANCELLED_BY_PATIENT);
        turn.say("OK, I've cancelled that. Nothing was ordered. Is there anything else I can help you with?");
    }

    /** Recovery from ERROR: the request is asked again from the patient's original words. */
    static void retry(Turn turn) {
        RequestDetails request = turn.request();
        Optional<ConversationType> type = turn.types().byName(turn.snapshot().getConversationType());
        turn.updateRequest(RequestChange.RETRIED, null);
        String question = request.getQuestion() == null ? "" : request.getQuestion();
        Interpretation understood = turn.understand(question);
        if (type.isEmpty() || !understood.intent().isRequest()) {
            turn.goTo(Steps.START, Trigger.RETRY);
            turn.say("Let's try again. What can I help you with?");
            return;
        }
        type.get().open(turn, new Message(turn.messageId(), question), understood);
    }

    /** The idle time passed: the conversation is closed and says so; a new message starts afresh. */
    static void closeForInactivity(Turn turn) {
        Instant last = turn.snapshot().getLastActivityAt();
        turn.record(ConversationEventType.CONVERSATION_CLOSED,
                e -> e.setClosed(new ConversationClosed("INACTIVITY", last)));
        if (turn.request() != null) {
            turn.updateRequest(RequestChange.CLEARED, null);
        }
        turn.goTo(Steps.CLOSED, Trigger.INACTIVITY);
        turn.notice("I closed this conversation after " + turn.policy().idleTimeout().toMinutes()
                + " minutes without activity. Write again any time.");
    }
}
