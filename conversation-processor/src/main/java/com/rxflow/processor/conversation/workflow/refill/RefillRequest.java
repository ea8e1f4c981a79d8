package com.rxflow.processor.conversation.workflow.refill;

import static com.rxflow.processor.conversation.workflow.Steps.ERROR;
import static com.rxflow.processor.conversation.workflow.Steps.IDENTIFY_MEDICATION;

import java.util.ArrayList;
import java.util.List;

import com.rxflow.events.conversation.RequestDetails;
import com.rxflow.processor.conversation.workflow.RequestChange;
import com.rxflow.processor.conversation.workflow.Step;
import com.rxflow.processor.conversation.workflow.Steps;
import com.rxflow.processor.conversation.workflow.Trigger;
import com.rxflow.processor.conversation.workflow.Turn;
import com.rxflow.processor.understanding.Intent;
import com.rxflow.state.MedicationFact;

/**
 * The mechanics every stage of a refill shares: a new batch of tool calls, the queue of further
 * medications named in the same message, the patient's own medications, and how a refill request
 * ends, well (the next queued medication is taken up) or with a failed tool (the patient may retry).
 */
final class RefillRequest {

    /** At most this many further medications wait from one message. */
    static final int MAX_QUEUED = 5;
    static final List<String> YES_NO = List.of("Yes", "No");

    private RefillRequest() {
    }

    /** A new batch id: the tool calls made together share it, and their answers come back as one batch. */
    static String batch(Turn turn) {
        return turn.nextMetadata().getEventId();
    }

    /** The medications still to refill after this one, without repeats and at most {@link #MAX_QUEUED}. */
    static List<String> queue(List<String> queued, List<String> more) {
        List<String> all = new ArrayList<>(queued);
        more.stream().filter(m -> !all.contains(m)).forEach(all::add);
        return all.size() <= MAX_QUEUED ? all : List.copyOf(all.subList(0, MAX_QUEUED));
    }

    /** The names of the patient's own medications, offered as quick replies. */
    static List<String> ownMedications(Turn turn) {
        return turn.profile() == null ? List.of()
                : turn.profile().getMedications().stream().map(MedicationFact::getName).toList();
    }

    /** A request ends; a medication queued from the same message is taken up next. */
    static void finish(Turn turn, Step end, Trigger trigger) {
        List<String> queued = turn.request().getQueuedMedications();
        turn.updateRequest(RequestChange.FINISHED, null);
        turn.goTo(end, trigger);
        if (!queued.isEmpty()) {
            turn.updateRequest(RefillConversation.NAME, RequestChange.NEXT_MEDICATION,
                    RequestDetails.newBuilder().setIntent(Intent.REFILL.name())
                    .setQuestion("refill " + queued.get(0))
                    .setQueuedMedications(List.copyOf(queued.subList(1, queued.size()))).build());
            turn.goTo(IDENTIFY_MEDICATION, Trigger.NEXT_MEDICATION);
            Checks.check(turn, queued.get(0), List.of());
        }
    }

    /** A tool failed: the request is kept in ERROR and the patient may try again or start over. */
    static void failed(Turn turn, String what) {
        turn.updateRequest(RequestChange.FAILED, RequestDetails.newBuilder(turn.request()).setBatch(null).build());
        turn.goTo(ERROR, Trigger.TOOL_FAILED);
        turn.say("Sorry, I couldn't " + what + " just now. Would you like me to try again, or start over?",
                List.of("Try again", "Start over"), List.of());
    }
}
