package com.rxflow.processor.conversation.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.PharmacyFixtures;

/** Golden transcripts of the refill flows, through the production topology, tools answered from the seed fixtures. */
class RefillTranscriptTest {

    private static final String C = "c-refill";
    private ConversationDriver driver;

    private ConversationDriver open(PharmacyFixtures fixtures) {
        driver = new ConversationDriver(fixtures);
        List<ReplyEvent> greeting = driver.open(C);
        assertThat(greeting).singleElement().satisfies(r -> assertThat(r.getReplied().getText())
                .contains("I am a digital assistant"));
        return driver;
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aStandardOmeprazoleRefillEndsInAnOrderOnlyAfterAnExplicitYes() {
        open(PharmacyFixtures.seed());

        String found = only(driver.say(C, "m-1", "I need to refill my omeprazole"));
        assertThat(found).contains("omeprazole 20mg capsules", "30 per fill", "5 refills left",
                "Take 1 capsule daily before breakfast", "Source: medication_history (rxflow-demo-data)",
                "Is this the one you'd like to refill?");
        assertThat(step()).isEqualTo("CONFIRM_DOSAGE");

        String pharmacies = only(driver.say(C, "m-2", "yes"));
        assertThat(pharmacies).contains("1. CVS Pharmacy #12345", "4. Walmart Pharmacy #98765", "$9.60",
                "Which pharmacy would you like?");
        assertThat(step()).isEqualTo("SELECT_PHARMACY");

        String confirm = only(driver.say(C, "m-3", "the cheapest"));
        assertThat(confirm).contains("Please confirm your order: omeprazole 20mg, quantity 30, at Walmart Pharmacy "
                + "#98765, 4515 S Lamar Blvd, Austin, TX 78745", "Your copay: $10.00 (cash price $9.60)",
                "Estimated pickup: 9:30 AM on Mar 2", "Shall I place this order?");
        assertThat(placeOrders()).isEmpty();

        String maybe = only(driver.say(C, "m-4", "hmm what do you think"));
        assertThat(maybe).contains("Please answer yes");
        assertThat(placeOrders()).isEmpty();

        String placed = only(driver.say(C, "m-5", "Yes, please place the order"));
        assertThat(placed).contains("Your order RX", "is placed: omeprazole 20mg, quantity 30, at Walmart Pharmacy #98765, "
                + "4515 S Lamar Blvd", "ready for pickup from 9:30 AM on Mar 2", "Your copay of $10.00 is due at pickup");
        assertThat(placeOrders()).singleElement();
        assertThat(step()).isEqualTo("COMPLETE");
        assertThat(driver.events()).filteredOn(e -> e.getType() == ConversationEventType.ORDER_CONFIRMED)
                .singleElement().satisfies(e -> assertThat(e.getOrderConfirmed().getMessageId()).isEqualTo("m-5"));
    }


    @Test
    void aNegatedYesAtTheOrderQuestionPlacesNothing() {
        open(PharmacyFixtures.seed());
        only(driver.say(C, "m-1", "I need to refill my omeprazole"));
        only(driver.say(C, "m-2", "yes"));
        assertThat(only(driver.say(C, "m-3", "the cheapest"))).contains("Shall I place this order?");

        for (String answer : List.of("definitely not", "of course not", "absolutely not, hold off", "never place it")) {
            driver.say(C, "m-" + answer.hashCode(), answer);
            assertThat(placeOrders()).as(answer).isEmpty();
        }
    }

    @Test
    void metforminWithNoRefillsGoesToThePrescriberAndNothingIsOrdered() {
        open(PharmacyFixtures.seed());

        String reply = only(driver.say(C, "m-1", "I need a refill for my metformin"));

        assertThat(reply).contains("I can't refill your metformin 500mg", "there are no refills left",
                "renewal request to your prescriber, Dr. Sarah Johnson", "No order has been placed",
                "Source: medication_history (rxflow-demo-data)");
        assertThat(escalations(EscalationRoute.PRESCRIBER)).singleElement().satisfies(e -> {
            assertThat(e.getEscalate().getReasonCodes()).containsExactly("NO_REFILLS");
            assertThat(e.getEscalate().getMedication()).isEqualTo("metformin");
            assertThat(e.getEscalate().getPatientSummary().getAllergies()).contains("penicillin");
        });
        assertThat(step()).isEqualTo("PRESCRIBER_REVIEW");
        assertThat(placeOrders()).isEmpty();
        only(driver.say(C, "m-2", "yes"));
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void lisinoprilExpiredWithoutRefillsGoesToThePrescriber() {
        open(PharmacyFixtures.seed());

        String reply = only(driver.say(C, "m-1", "I need to refill my lisinopril"));

        assertThat(reply).contains("the prescription has expired and there are no refills left");
        assertThat(escalations(EscalationRoute.PRESCRIBER)).singleElement().satisfies(e -> assertThat(
                e.getEscalate().getReasonCodes()).containsExactly("PRESCRIPTION_EXPIRED", "NO_REFILLS"));
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void lorazepamIsControlledAndGoesToThePrescriberWhateverElseApplies() {
        open(PharmacyFixtures.seed());

        String reply = only(driver.say(C, "m-1", "I need to refill my lorazepam prescription"));

        assertThat(reply).startsWith("I can't refill your lorazepam 0.5mg right now: it is a controlled substance "
                + "(schedule IV)");
        assertThat(escalations(EscalationRoute.PRESCRIBER)).singleElement().satisfies(e -> assertThat(
                e.getEscalate().getReasonCodes()).containsExactly("CONTROLLED_SUBSTANCE", "NO_REFILLS", "DOCTOR_REVIEW"));
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void hydrocodoneIsNotInTheHistoryAndGoesToAPharmacist() {
        open(PharmacyFixtures.seed());

        String reply = only(driver.say(C, "m-1", "I need to refill my hydrocodone"));

        assertThat(reply).contains("I don't see hydrocodone among your current prescriptions", "pharmacist");
        assertThat(escalations(EscalationRoute.PHARMACIST)).singleElement().satisfies(e -> assertThat(
                e.getEscalate().getReasonCodes()).containsExactly("NOT_IN_HISTORY"));
        assertThat(step()).isEqualTo("WITH_PHARMACIST");
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void myAcidRefluxMedicineIsTheOmeprazoleOnTheRecord() {
        open(PharmacyFixtures.seed());

        String reply = only(driver.say(C, "m-1", "I need my acid reflux medicine"));

        assertThat(reply).contains("I found your omeprazole 20mg");
        assertThat(step()).isEqualTo("CONFIRM_DOSAGE");
    }

    @Test
    void aMisspeltNameIsResolvedByApproximateMatching() {
        open(PharmacyFixtures.seed());

        assertThat(only(driver.say(C, "m-1", "please refill my omeprazol"))).contains("I found your omeprazole 20mg");
        assertThat(only(driver.say(C, "m-2", "no, I meant metforman"))).contains("I can't refill your metformin 500mg");
    }

    @Test
    void anAmbiguousReferenceIsAnsweredWithAQuestion() {
        open(PharmacyFixtures.seed());

        String question = only(driver.say(C, "m-1", "refill my heartburn medicine"));
        assertThat(question).isEqualTo("Do you mean omeprazole or famotidine?");
        assertThat(step()).isEqualTo("CLARIFY_MEDICATION");
        assertThat(driver.toolCommands()).noneMatch(c -> c.getInvokeTool().getTool().equals("allergy_check"));

        assertThat(only(driver.say(C, "m-2", "famotidine"))).contains("I found your famotidine 20mg tablets");
    }

    @Test
    void aCorrectionReplacesTheMedication() {
        open(PharmacyFixtures.seed());
        only(driver.say(C, "m-1", "I need a refill of omeprazole"));

        String corrected = only(driver.say(C, "m-2", "no, I meant famotidine"));

        assertThat(corrected).contains("I found your famotidine 20mg tablets", "60 per fill");
        assertThat(driver.state(C).getRequest().getMedication()).isEqualTo("famotidine");
    }

    @Test
    void cancelAbandonsTheRefillWithoutSideEffects() {
        open(PharmacyFixtures.seed());
        only(driver.say(C, "m-1", "I need to refill my omeprazole"));
        only(driver.say(C, "m-2", "yes"));
        int calls = driver.toolCommands().size();

        String reply = only(driver.say(C, "m-3", "cancel"));

        assertThat(reply).contains("cancelled", "Nothing was ordered");
        assertThat(step()).isEqualTo("CANCELLED");
        assertThat(driver.state(C).getRequest()).isNull();
        assertThat(driver.toolCommands()).hasSize(calls);
        assertThat(driver.escalations()).isEmpty();
    }

    @Test
    void startOverRestartsFromTheBeginning() {
        open(PharmacyFixtures.seed());
        only(driver.say(C, "m-1", "I need to refill my omeprazole"));

        assertThat(only(driver.say(C, "m-2", "let's start over"))).contains("Let's start over");
        assertThat(step()).isEqualTo("START");
        assertThat(driver.state(C).getState()).isEqualTo("INITIALIZED");
    }

    @Test
    void anAllergyConflictIncludingClassCrossSensitivityGoesToAPharmacist() {
        open(PharmacyFixtures.seed());

        String reply = only(driver.say(C, "m-1", "I need a refill of amoxicillin"));

        assertThat(reply).contains("your record lists an allergy to penicillin (amoxicillin is a penicillin-class "
                + "antibiotic)", "allergy_check (rxflow-demo-data)");
        assertThat(escalations(EscalationRoute.PHARMACIST)).singleElement().satisfies(e -> {
            assertThat(e.getEscalate().getReasonCodes()).containsExactly("ALLERGY_CONFLICT", "NOT_IN_HISTORY");
            assertThat(e.getEscalate().getPriority().name()).isEqualTo("HIGH");
        });
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void outOfStockAtTheChosenPharmacyOffersAlternatives() {
        open(PharmacyFixtures.seed().withOutOfStockAtCheck("WALMART_98765"));
        only(driver.say(C, "m-1", "refill meloxicam"));
        only(driver.say(C, "m-2", "yes"));

        String alternatives = only(driver.say(C, "m-3", "the Walmart"));

        assertThat(alternatives).contains("Walmart Pharmacy #98765 is out of meloxicam 15mg right now",
                "1. CVS Pharmacy #12345", "Source: check_inventory (rxflow-demo-data)");
        assertThat(step()).isEqualTo("SELECT_PHARMACY");
        String confirm = only(driver.say(C, "m-4", "1"));
        assertThat(confirm).contains("at CVS Pharmacy #12345, 123 Main St", "Please note: There is a moderate interaction "
                + "with your lisinopril");
        only(driver.say(C, "m-5", "yes"));
        assertThat(placeOrders()).singleElement().satisfies(c -> assertThat(c.getMetadata().getCorrelationId())
                .isEqualTo("m-5"));
    }

    @Test
    void anEmergencyInTheMiddleOfARefillGetsAnImmediateAnswerAndStopsTheOrder() {
        open(PharmacyFixtures.seed());
        only(driver.say(C, "m-1", "I need to refill my omeprazole"));
        only(driver.say(C, "m-2", "yes"));
        only(driver.say(C, "m-3", "2"));

        List<ReplyEvent> replies = driver.say(C, "m-4", "wait, I have chest pain and my left arm hurts");

        assertThat(replies.get(0).getReplied().getText()).contains("call 911");
        assertThat(escalations(EscalationRoute.URGENT)).singleElement().satisfies(e -> assertThat(
                e.getEscalate().getPriority().name()).isEqualTo("URGENT"));
        assertThat(step()).isEqualTo("WITH_PHARMACIST");
        assertThat(driver.say(C, "m-5", "yes")).isEmpty();
        assertThat(placeOrders()).isEmpty();
        assertThat(driver.escalations()).anyMatch(e -> e.getForward() != null
                && e.getForward().getMessageId().equals("m-5"));
    }

    @Test
    void aMentalHealthCrisisIsPointedTo988() {
        open(PharmacyFixtures.seed());

        assertThat(only(driver.say(C, "m-1", "I don't want to live anymore"))).contains("988");
        assertThat(escalations(EscalationRoute.URGENT)).singleElement();
    }

    @Test
    void twoMedicationsInOneMessageAreHandledOneAfterTheOther() {
        open(PharmacyFixtures.seed());

        String first = only(driver.say(C, "m-1", "refill omeprazole and metformin"));
        assertThat(first).contains("I found your omeprazole");
        assertThat(driver.state(C).getRequest().getQueuedMedications()).containsExactly("metformin");
        only(driver.say(C, "m-2", "yes"));
        only(driver.say(C, "m-3", "1"));

        String placedThenNext = only(driver.say(C, "m-4", "yes"));

        assertThat(placedThenNext).contains("is placed: omeprazole", "I can't refill your metformin 500mg");
        assertThat(placeOrders()).hasSize(1);
    }

    @Test
    void anEarlyRefillGoesToAPharmacistWhenLessThanThreeQuartersOfTheSupplyElapsed() {
        driver = new ConversationDriver(PharmacyFixtures.seed(),
                com.rxflow.processor.conversation.workflow.ConversationTypes.defaults(),
                java.time.Instant.parse("2024-08-10T15:00:00Z"));
        driver.open(C);

        String reply = only(driver.say(C, "m-1", "I need my meloxicam refilled, I'm running low"));

        assertThat(reply).contains("it was last filled on 2024-07-20 for 30 days, so a refill is not due yet");
        assertThat(escalations(EscalationRoute.PHARMACIST)).singleElement().satisfies(e -> assertThat(
                e.getEscalate().getReasonCodes()).containsExactly("EARLY_REFILL"));
    }

    @Test
    void priorAuthorizationGoesToThePrescriberWithThePlansCriteria() {
        open(PharmacyFixtures.seed().withPriorAuthorization("omeprazole"));

        String reply = only(driver.say(C, "m-1", "refill my omeprazole"));

        assertThat(reply).contains("requires prior authorization", "3-5 business days",
                "Source: medication_history (rxflow-demo-data)", "prior_authorization (rxflow-demo-data)");
        assertThat(step()).isEqualTo("PRIOR_AUTHORIZATION");
        assertThat(escalations(EscalationRoute.PRESCRIBER)).singleElement();
    }

    @Test
    void aFailedSafetyCheckEndsInErrorWhichRecoversByStartingOver() {
        open(PharmacyFixtures.seed().withFailing("allergy_check"));

        assertThat(only(driver.say(C, "m-1", "refill my omeprazole"))).contains("try again, or start over");
        assertThat(driver.state(C).getState()).isEqualTo("ERROR");
        assertThat(only(driver.say(C, "m-2", "yes"))).contains("try again, or start over");
        int checks = (int) driver.toolCommands().stream().filter(c -> c.getInvokeTool().getTool().equals("allergy_check"))
                .count();
        assertThat(checks).isEqualTo(2);

        assertThat(only(driver.say(C, "m-3", "start over"))).contains("Let's start over");
        assertThat(driver.state(C).getState()).isEqualTo("INITIALIZED");
    }

    private String only(List<ReplyEvent> replies) {
        assertThat(replies).as("replies of the turn").isNotEmpty();
        assertThat(replies.get(replies.size() - 1).getReplied().getTurnComplete()).isTrue();
        return String.join("\n", replies.stream().map(r -> r.getReplied().getText()).toList());
    }

    private String step() {
        return driver.state(C).getStep();
    }

    private List<ToolCommand> placeOrders() {
        return driver.toolCommands().stream().filter(c -> c.getInvokeTool().getTool().equals("place_order")).toList();
    }

    private List<EscalationCommand> escalations(EscalationRoute route) {
        return driver.escalations().stream().filter(e -> e.getEscalate() != null && e.getEscalate().getRoute() == route)
                .toList();
    }
}
