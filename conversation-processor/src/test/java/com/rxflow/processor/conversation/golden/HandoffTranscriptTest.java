package com.rxflow.processor.conversation.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.events.reply.ReplyAuthor;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.Inputs;
import com.rxflow.processor.conversation.PharmacyFixtures;

/** Golden transcripts of handoffs, questions, prescriber decisions and timers. */
class HandoffTranscriptTest {

    private static final String C = "c-handoff";
    private ConversationDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void open(PharmacyFixtures fixtures) {
        driver = new ConversationDriver(fixtures);
        driver.open(C);
    }

    @Test
    void aPharmacistTakesOverAndHandsTheConversationBackWhereItStood() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I need to refill my omeprazole");
        driver.say(C, "m-2", "yes");
        driver.say(C, "m-3", "the closest");

        List<ReplyEvent> handover = driver.say(C, "m-4", "Can I talk to a pharmacist first?");
        assertThat(handover).singleElement().satisfies(r -> {
            assertThat(r.getReplied().getText()).contains("pharmacist");
            assertThat(r.getReplied().getStep()).as("the step the turn leaves").isEqualTo("WITH_PHARMACIST");
        });
        assertThat(driver.state(C).getStep()).isEqualTo("WITH_PHARMACIST");
        EscalationCommand escalate = lastEscalation();
        assertThat(escalate.getEscalate().getReasonCodes()).containsExactly("PATIENT_REQUEST");

        assertThat(text(driver.escalationEvent(C, Inputs.escalationOpened(escalate)))).contains("pharmacists' queue");
        assertThat(text(driver.escalationEvent(C, Inputs.claimed(escalate, "Jennifer Martinez"))))
                .contains("Jennifer Martinez, a pharmacist, has joined");

        assertThat(driver.say(C, "m-5", "is it fine to take it with coffee?")).isEmpty();
        assertThat(driver.escalations()).anyMatch(e -> e.getForward() != null
                && e.getForward().getText().equals("is it fine to take it with coffee?"));

        List<ReplyEvent> answer = driver.escalationEvent(C, Inputs.pharmacistReplied(escalate, "Yes, that's fine."));
        assertThat(answer).singleElement().satisfies(r -> {
            assertThat(r.getReplied().getAuthor()).isEqualTo(ReplyAuthor.PHARMACIST);
            assertThat(r.getReplied().getInReplyTo()).isEqualTo("m-5");
            assertThat(r.getReplied().getTurnComplete()).isTrue();
        });

        String back = text(driver.escalationEvent(C, Inputs.resolved(escalate, ResolutionOutcome.RETURNED_TO_ASSISTANT,
                null)));
        assertThat(back).contains("handed the conversation back", "Please confirm your order: omeprazole 20mg");
        assertThat(driver.state(C).getStep()).isEqualTo("CONFIRM_ORDER");
        driver.say(C, "m-6", "yes");
        assertThat(driver.toolCommands()).filteredOn(c -> c.getInvokeTool().getTool().equals("place_order")).hasSize(1);
    }

    @Test
    void cancellingWhileWaitingForAPharmacistWithdrawsTheCase() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I want to talk to a real person");
        EscalationCommand escalate = lastEscalation();

        assertThat(text(driver.say(C, "m-2", "never mind"))).contains("withdrawn");

        assertThat(driver.escalations()).anyMatch(e -> e.getWithdraw() != null
                && e.getWithdraw().getEscalationId().equals(escalate.getEscalate().getEscalationId()));
        assertThat(driver.state(C).getStep()).isEqualTo("CANCELLED");
    }

    @Test
    void aClinicalQuestionGoesToAPharmacistInThePatientsWords() {
        open(PharmacyFixtures.seed());

        String reply = text(driver.say(C, "m-1", "Can I take ibuprofen with my meloxicam?"));

        assertThat(reply).contains("question for a pharmacist", "can't give medical advice");
        assertThat(lastEscalation().getEscalate().getQuestion()).isEqualTo("Can I take ibuprofen with my meloxicam?");
        assertThat(lastEscalation().getEscalate().getReasonCodes()).contains("CLINICAL_QUESTION");
        assertThat(driver.state(C).getConversationType()).isEqualTo("clinical");
    }

    @Test
    void anApprovedRenewalLetsTheRefillContinue() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I need a refill for my metformin");
        EscalationCommand renewal = lastEscalation();

        String reply = text(driver.escalationEvent(C, Inputs.prescriberDecided(renewal, PrescriberDecision.APPROVED,
                "Renewed for 90 days")));

        assertThat(reply).contains("approved the renewal of metformin", "I found your metformin 500mg");
        assertThat(driver.state(C).getStep()).isEqualTo("CONFIRM_DOSAGE");
    }

    @Test
    void aDeniedRenewalIsExplainedAndNothingIsOrdered() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I need a refill for my metformin");

        String reply = text(driver.escalationEvent(C, Inputs.prescriberDecided(lastEscalation(),
                PrescriberDecision.DENIED, "Please book a visit first")));

        assertThat(reply).contains("did not approve", "Please book a visit first");
        assertThat(driver.toolCommands()).noneMatch(c -> c.getInvokeTool().getTool().equals("place_order"));
    }

    @Test
    void aPrescriberAskingForMoreInformationIsPassedOnAndALaterApprovalStillContinuesTheRefill() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I need a refill for my metformin");
        EscalationCommand renewal = lastEscalation();

        String asked = text(driver.escalationEvent(C, Inputs.prescriberDecided(renewal,
                PrescriberDecision.MORE_INFO_NEEDED, "Please send your latest A1C result")));

        assertThat(asked).contains("needs more information before renewing metformin",
                "Please send your latest A1C result");
        assertThat(driver.toolCommands()).noneMatch(c -> c.getInvokeTool().getTool().equals("place_order"));
        assertThat(driver.state(C).getStep()).isNotEqualTo("CONFIRM_DOSAGE");

        String approved = text(driver.escalationEvent(C, Inputs.prescriberDecided(renewal,
                PrescriberDecision.APPROVED, "Renewed for 90 days")));

        assertThat(approved).contains("approved the renewal of metformin");
        assertThat(driver.state(C).getStep()).isEqualTo("CONFIRM_DOSAGE");
    }

    @Test
    void aToolThatDoesNotAnswerIsRetriedOnceThenAPharmacistIsAsked() {
        open(PharmacyFixtures.seed().withSilent("interaction_check"));
        assertThat(driver.say(C, "m-1", "refill my omeprazole")).isEmpty();

        assertThat(driver.advance(Duration.ofSeconds(21))).isEmpty();
        assertThat(driver.toolCommands()).filteredOn(c -> c.getInvokeTool().getTool().equals("interaction_check"))
                .hasSize(2).extracting(c -> c.getInvokeTool().getRequestId()).containsOnly(
                        driver.toolCommands().stream().filter(c -> c.getInvokeTool().getTool().equals("interaction_check"))
                                .findFirst().orElseThrow().getInvokeTool().getRequestId());

        List<ReplyEvent> gaveUp = driver.advance(Duration.ofSeconds(21));
        assertThat(text(gaveUp)).contains("not answering", "pharmacist");
        assertThat(gaveUp.get(gaveUp.size() - 1).getReplied().getInReplyTo()).isEqualTo("m-1");
        assertThat(lastEscalation().getEscalate().getReasonCodes()).containsExactly("TOOL_TIMEOUT");
        assertThat(driver.state(C).getStep()).isEqualTo("WITH_PHARMACIST");
    }

    @Test
    void aPatientWaitingForAPharmacistIsToldTheExpectedWait() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I'd like to speak to a pharmacist");
        driver.escalationEvent(C, Inputs.escalationOpened(lastEscalation()));

        String notice = text(driver.advance(Duration.ofMinutes(3)));

        assertThat(notice).contains("Thanks for waiting");
        assertThat(driver.advance(Duration.ofMinutes(3))).isEmpty();
    }

    @Test
    void anIdleConversationIsClosedAndTheNextMessageStartsAfresh() {
        open(PharmacyFixtures.seed());
        driver.say(C, "m-1", "I need to refill my omeprazole");

        String closed = text(driver.advance(Duration.ofMinutes(31)));

        assertThat(closed).contains("closed this conversation after 30 minutes");
        assertThat(driver.state(C).getStep()).isEqualTo("CLOSED");
        assertThat(driver.events()).anyMatch(e -> e.getClosed() != null);
        assertThat(text(driver.say(C, "m-2", "what medications am I on?"))).contains("Hi John");
    }

    private EscalationCommand lastEscalation() {
        List<EscalationCommand> opened = driver.escalations().stream().filter(e -> e.getEscalate() != null).toList();
        return opened.get(opened.size() - 1);
    }

    private static String text(List<ReplyEvent> replies) {
        return String.join("\n", replies.stream().map(r -> r.getReplied().getText()).toList());
    }
}
