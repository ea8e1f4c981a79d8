package com.rxflow.escalation.cases;

import static com.rxflow.escalation.cases.EscalationCommandBuilder.anEscalation;
import static com.rxflow.escalation.cases.PharmacistActionBuilder.JENNIFER;
import static com.rxflow.escalation.cases.PharmacistActionBuilder.OMAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.rxflow.events.escalation.ActionOutcome;
import com.rxflow.events.escalation.EscalationEvent;
import com.rxflow.events.escalation.EscalationEventType;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.escalation.PharmacistAction;
import com.rxflow.events.escalation.PrescriberDecision;
import com.rxflow.events.escalation.ResolutionOutcome;
import com.rxflow.schemas.event.Metadata;
import com.rxflow.state.EscalationCase;

/** The pharmacists' actions on a case, one rule at a time, without a broker. */
class PharmacistActionsTest {

    private static final Instant NOW = Instant.parse("2025-03-03T09:00:05Z");
    private static final SlaPolicy SLA = new SlaPolicy(Duration.ofHours(4), Duration.ofMinutes(30), Duration.ofMinutes(5));

    private final CaseDecider decider = new CaseDecider(SLA);
    private final EscalationCase opened = decider.decide(null, anEscalation().build(), NOW).changedCase();

    @Test
    void aClaimMakesThePharmacistTheOwnerAndIsCausedByTheAction() {
        PharmacistAction claim = PharmacistActionBuilder.claim("esc-1").build();

        CaseDecision decision = decider.decide(opened, claim, NOW.plusSeconds(30));

        assertThat(decision.changedCase().getStatus()).isEqualTo("CLAIMED");
        assertThat(decision.changedCase().getOwner()).isEqualTo(JENNIFER);
        assertThat(decision.changedCase().getClaimedAt()).isEqualTo(NOW.plusSeconds(30));
        EscalationEvent claimed = decision.events().get(0);
        assertThat(claimed.getType()).isEqualTo(EscalationEventType.ESCALATION_CLAIMED);
        assertThat(claimed.getClaimed().getPharmacistId()).isEqualTo("jmartinez");
        assertThat(claimed.getClaimed().getPharmacistName()).isEqualTo("Jennifer Martinez");
        assertThat(claimed.getMetadata()).isEqualTo(Metadata.causedBy(claim.getMetadata(), 0, "escalation-service",
                NOW.plusSeconds(30)));
        assertThat(outcome(decision.changedCase(), claim)).satisfies(o -> assertThat(o.getAccepted()).isTrue());
    }

    @Test
    void aSecondClaimIsRefusedNamingWhoHasTheCase() {
        EscalationCase claimed = apply(opened, PharmacistActionBuilder.claim("esc-1").build());
        PharmacistAction late = PharmacistActionBuilder.claim("esc-1").by(OMAR).build();

        CaseDecision decision = decider.decide(claimed, late, NOW);

        assertThat(decision.events()).isEmpty();
        assertThat(decision.changedCase().getOwner()).isEqualTo(JENNIFER);
        assertThat(outcome(decision.changedCase(), late)).satisfies(o -> {
            assertThat(o.getAccepted()).isFalse();
            assertThat(o.getProblem()).isEqualTo("ALREADY_CLAIMED");
            assertThat(o.getDetail()).isEqualTo("Jennifer Martinez has this case");
        });
    }

    @Test
    void claimingACaseYouAlreadyHaveIsAcceptedAndPublishesNothing() {
        EscalationCase claimed = apply(opened, PharmacistActionBuilder.claim("esc-1").build());

        CaseDecision again = decider.decide(claimed, PharmacistActionBuilder.claim("esc-1").build(), NOW);

        assertThat(again.events()).isEmpty();
        assertThat(again.changedCase().getActionOutcomes()).last().satisfies(o -> assertThat(o.getAccepted()).isTrue());
    }

    @Test
    void aRepeatedActionIdIsAppliedOnce() {
        PharmacistAction reply = PharmacistActionBuilder.reply("esc-1", "Yes, that's fine.").actionId("a-1").build();
        EscalationCase replied = apply(apply(opened, PharmacistActionBuilder.claim("esc-1").build()), reply);

        CaseDecision repeat = decider.decide(replied, reply, NOW.plusSeconds(5));

        assertThat(repeat).isEqualTo(CaseDecision.unchanged());
        assertThat(replied.getMessages()).hasSize(1);
    }

    @Test
    void onlyTheOwnerRepliesAndAReplyJoinsTheThread() {
        EscalationCase claimed = apply(opened, PharmacistActionBuilder.claim("esc-1").build());

        CaseDecision intruder = decider.decide(claimed, PharmacistActionBuilder.reply("esc-1", "hi").by(OMAR).build(), NOW);
        CaseDecision owner = decider.decide(claimed, PharmacistActionBuilder.reply("esc-1", "Yes, that's fine.").build(), NOW);

        assertThat(intruder.events()).isEmpty();
        assertThat(intruder.changedCase().getActionOutcomes()).last()
                .satisfies(o -> assertThat(o.getProblem()).isEqualTo("NOT_OWNER"));
        assertThat(owner.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(EscalationEventType.PHARMACIST_REPLIED);
            assertThat(e.getPharmacistReplied().getText()).isEqualTo("Yes, that's fine.");
            assertThat(e.getPharmacistReplied().getPharmacistName()).isEqualTo("Jennifer Martinez");
        });
        assertThat(owner.changedCase().getMessages()).singleElement().satisfies(m -> {
            assertThat(m.getRole()).isEqualTo("pharmacist");
            assertThat(m.getAuthorName()).isEqualTo("Jennifer Martinez");
        });
    }

    @Test
    void anUnclaimedCaseMustBeClaimedBeforeAReply() {
        CaseDecision decision = decider.decide(opened, PharmacistActionBuilder.reply("esc-1", "hi").build(), NOW);

        assertThat(decision.events()).isEmpty();
        assertThat(decision.changedCase().getActionOutcomes()).last()
                .satisfies(o -> assertThat(o.getDetail()).isEqualTo("claim the case first"));
    }

    @Test
    void resolvingReturnsTheConversationAndRecordsWhoAndWhen() {
        EscalationCase claimed = apply(opened, PharmacistActionBuilder.claim("esc-1").build());

        CaseDecision decision = decider.decide(claimed, PharmacistActionBuilder.resolve("esc-1",
                ResolutionOutcome.RETURNED_TO_ASSISTANT, "Take it with food.").build(), NOW.plusSeconds(60));

        assertThat(decision.changedCase().getStatus()).isEqualTo("RETURNED");
        assertThat(decision.changedCase().getFinishedBy()).isEqualTo(JENNIFER);
        assertThat(decision.changedCase().getFinishedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(decision.events()).singleElement().satisfies(e -> {
            assertThat(e.getResolved().getOutcome()).isEqualTo(ResolutionOutcome.RETURNED_TO_ASSISTANT);
            assertThat(e.getResolved().getNote()).isEqualTo("Take it with food.");
            assertThat(e.getResolved().getPharmacistId()).isEqualTo("jmartinez");
            assertThat(e.getResolved().getPharmacistName()).isEqualTo("Jennifer Martinez");
        });
        assertThat(decider.timers(decision.changedCase())).singleElement().satisfies(timer -> {
            assertThat(timer.kind()).isEqualTo(CaseTimer.Kind.PURGE);
            assertThat(timer.dueAt()).isEqualTo(NOW.plusSeconds(60).plus(CaseDecider.DEFAULT_RETENTION));
        });
    }

    @Test
    void aFinishedCaseTakesNoMoreActions() {
        EscalationCase closed = apply(apply(opened, PharmacistActionBuilder.claim("esc-1").build()),
                PharmacistActionBuilder.resolve("esc-1", ResolutionOutcome.CLOSED, null).build());

        CaseDecision decision = decider.decide(closed, PharmacistActionBuilder.reply("esc-1", "one more").build(), NOW);

        assertThat(decision.events()).isEmpty();
        assertThat(decision.changedCase().getActionOutcomes()).last().satisfies(o -> {
            assertThat(o.getProblem()).isEqualTo("CASE_FINISHED");
            assertThat(o.getDetail()).isEqualTo("the case is closed");
        });
    }

    @Test
    void aPharmacistWithdrawsAnUnclaimedCaseAndIsRecordedAsWhoDidIt() {
        CaseDecision decision = decider.decide(opened, PharmacistActionBuilder.withdraw("esc-1", "duplicate").by(OMAR)
                .build(), NOW);

        assertThat(decision.changedCase().getStatus()).isEqualTo("WITHDRAWN");
        assertThat(decision.events()).singleElement().satisfies(e -> {
            assertThat(e.getWithdrawn().getReason()).isEqualTo("duplicate");
            assertThat(e.getWithdrawn().getPharmacistId()).isEqualTo("ofarouk");
        });
    }

    @Test
    void prescriberCasesAreDecidedAndMoreInformationKeepsThemInTheQueue() {
        EscalationCase sent = decider.decide(null, anEscalation().route(EscalationRoute.PRESCRIBER).build(), NOW)
                .changedCase();

        EscalationCase moreInfo = apply(sent, PharmacistActionBuilder.decide("esc-1",
                PrescriberDecision.MORE_INFO_NEEDED, "Last A1c?").build());
        CaseDecision approved = decider.decide(moreInfo, PharmacistActionBuilder.decide("esc-1",
                PrescriberDecision.APPROVED, "Renewed for 90 days").by(OMAR).build(), NOW);

        assertThat(moreInfo.getStatus()).isEqualTo("MORE_INFO_NEEDED");
        assertThat(CaseStatus.of(moreInfo).inQueue()).isTrue();
        assertThat(approved.changedCase().getStatus()).isEqualTo("APPROVED");
        assertThat(approved.changedCase().getPrescriber()).isEqualTo("Omar Farouk");
        assertThat(approved.events()).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(EscalationEventType.PRESCRIBER_DECISION);
            assertThat(e.getPrescriberDecision().getDecision()).isEqualTo(PrescriberDecision.APPROVED);
            assertThat(e.getPrescriberDecision().getNote()).isEqualTo("Renewed for 90 days");
            assertThat(e.getPrescriberDecision().getRecordedById()).isEqualTo("ofarouk");
        });
        assertThat(approved.changedCase().getMessages()).extracting(m -> m.getText())
                .containsExactly("More information needed: Last A1c?", "Approved: Renewed for 90 days");
    }

    @Test
    void prescriberCasesAreNotClaimedAndPharmacistCasesTakeNoPrescriberDecision() {
        EscalationCase sent = decider.decide(null, anEscalation().route(EscalationRoute.PRESCRIBER).build(), NOW)
                .changedCase();

        CaseDecision claim = decider.decide(sent, PharmacistActionBuilder.claim("esc-1").build(), NOW);
        CaseDecision decision = decider.decide(opened, PharmacistActionBuilder.decide("esc-1",
                PrescriberDecision.APPROVED, null).build(), NOW);

        assertThat(claim.events()).isEmpty();
        assertThat(decision.events()).isEmpty();
        assertThat(claim.changedCase().getActionOutcomes()).last()
                .satisfies(o -> assertThat(o.getProblem()).isEqualTo("WRONG_ROUTE"));
        assertThat(decision.changedCase().getActionOutcomes()).last()
                .satisfies(o -> assertThat(o.getProblem()).isEqualTo("WRONG_ROUTE"));
    }

    @Test
    void anActionOnAnUnknownCaseChangesNothing() {
        assertThat(decider.decide(null, PharmacistActionBuilder.claim("esc-404").build(), NOW))
                .isEqualTo(CaseDecision.unchanged());
    }

    @Test
    void onlyTheLatestOutcomesAreKept() {
        EscalationCase current = apply(opened, PharmacistActionBuilder.claim("esc-1").build());
        for (int i = 0; i < ActionRules.MAX_OUTCOMES + 5; i++) {
            current = apply(current, PharmacistActionBuilder.reply("esc-1", "note " + i).build());
        }

        assertThat(current.getActionOutcomes()).hasSize(ActionRules.MAX_OUTCOMES);
    }

    private EscalationCase apply(EscalationCase current, PharmacistAction action) {
        return decider.decide(current, action, NOW).changedCase();
    }

    private static ActionOutcome outcome(EscalationCase stored, PharmacistAction action) {
        return stored.getActionOutcomes().stream().filter(o -> o.getActionId().equals(action.getActionId()))
                .findFirst().orElseThrow();
    }
}
