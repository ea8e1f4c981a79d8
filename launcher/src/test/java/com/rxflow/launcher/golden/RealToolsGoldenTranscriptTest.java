package com.rxflow.launcher.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.workflow.ConversationTypes;

/**
 * The reference's refill and escalation scenarios, end to end through the processor's real
 * topology (TopologyTestDriver) with tools-service's real handlers over the bundled data set, at
 * today's date: the data is relative to today, so these hold on any day.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealToolsGoldenTranscriptTest {

    private static final String C = "golden-1";

    private RealToolsResponder tools;
    private ConversationDriver driver;

    @BeforeAll
    void startTools() {
        tools = new RealToolsResponder();
    }

    @AfterAll
    void stopTools() {
        tools.close();
    }

    @BeforeEach
    void openConversation() {
        driver = new ConversationDriver(tools, ConversationTypes.defaults(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        driver.open(C);
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void theGreetingDisclosesTheAssistantAndNamesThePatient() {
        assertThat(text(driver.replies())).contains("digital assistant");
        assertThat(driver.state(C).getProfile().getFirstName()).isEqualTo("John");
    }

    @Test
    void omeprazoleIsRefilledAtTheCheapestPharmacyOnlyAfterAnExplicitYes() {
        assertThat(text(driver.say(C, "m-1", "I need to refill my acid reflux medicine"))).contains("omeprazole 20mg");
        String pharmacies = text(driver.say(C, "m-2", "yes"));
        assertThat(pharmacies).contains("Walmart Pharmacy #98765", "$9.60");

        String confirm = text(driver.say(C, "m-3", "the cheapest"));
        assertThat(confirm).contains("Please confirm your order", "Walmart Pharmacy #98765", "$9.60");
        assertThat(placeOrders()).isEmpty();

        String placed = text(driver.say(C, "m-4", "yes"));
        assertThat(placed).contains("Your order RX", "is placed", "Walmart Pharmacy #98765");
        assertThat(placeOrders()).singleElement();
    }

    @Test
    void metforminWithNoRefillsGoesToThePrescriber() {
        assertThat(text(driver.say(C, "m-1", "refill my metformin"))).contains("metformin", "no refills left");
        assertThat(lastEscalation().getEscalate().getRoute()).isEqualTo(EscalationRoute.PRESCRIBER);
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void anExpiredLisinoprilPrescriptionGoesToThePrescriber() {
        assertThat(text(driver.say(C, "m-1", "I need more lisinopril"))).contains("lisinopril", "expired");
        assertThat(lastEscalation().getEscalate().getRoute()).isEqualTo(EscalationRoute.PRESCRIBER);
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void lorazepamIsControlledAndGoesToThePrescriber() {
        assertThat(text(driver.say(C, "m-1", "refill lorazepam please"))).contains("lorazepam", "controlled");
        assertThat(lastEscalation().getEscalate().getRoute()).isEqualTo(EscalationRoute.PRESCRIBER);
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void hydrocodoneIsNotInTheHistoryAndGoesToAPharmacist() {
        driver.say(C, "m-1", "I need a refill of hydrocodone");
        assertThat(lastEscalation().getEscalate().getRoute()).isEqualTo(EscalationRoute.PHARMACIST);
        assertThat(lastEscalation().getEscalate().getReasonCodes()).contains("NOT_IN_HISTORY");
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void amoxicillinConflictsWithThePenicillinAllergy() {
        driver.say(C, "m-1", "can you refill amoxicillin for me");
        assertThat(lastEscalation().getEscalate().getRoute()).isEqualTo(EscalationRoute.PHARMACIST);
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void famotidineTooEarlyGoesToAPharmacist() {
        driver.say(C, "m-1", "refill my famotidine");
        assertThat(lastEscalation().getEscalate().getReasonCodes()).contains("EARLY_REFILL");
        assertThat(placeOrders()).isEmpty();
    }

    @Test
    void aMisspellingIsResolvedAgainstThePatientsMedications() {
        assertThat(text(driver.say(C, "m-1", "refill my omeprazol"))).contains("omeprazole 20mg");
    }

    @Test
    void anAmbiguousReferenceIsAnsweredWithAQuestion() {
        assertThat(text(driver.say(C, "m-1", "refill my heartburn medicine")))
                .isEqualTo("Do you mean omeprazole or famotidine?");
        assertThat(driver.state(C).getStep()).isEqualTo("CLARIFY_MEDICATION");
        assertThat(text(driver.say(C, "m-2", "famotidine"))).contains("famotidine");
        assertThat(driver.state(C).getRequest().getMedication()).isEqualTo("famotidine");
    }

    @Test
    void aCorrectionReplacesTheMedication() {
        assertThat(text(driver.say(C, "m-1", "I need a refill of omeprazole"))).contains("omeprazole 20mg");
        driver.say(C, "m-2", "no, I meant famotidine");
        assertThat(driver.state(C).getRequest().getMedication()).isEqualTo("famotidine");
    }

    @Test
    void cancelAbandonsTheRefillWithoutAnOrderOrACase() {
        driver.say(C, "m-1", "I need to refill my omeprazole");
        driver.say(C, "m-2", "yes");
        int calls = driver.toolCommands().size();

        assertThat(text(driver.say(C, "m-3", "cancel"))).contains("cancelled", "Nothing was ordered");
        assertThat(driver.state(C).getStep()).isEqualTo("CANCELLED");
        assertThat(driver.toolCommands()).hasSize(calls);
        assertThat(driver.escalations()).isEmpty();
    }

    @Test
    void anEmergencyInTheMiddleOfARefillGetsAnImmediateAnswerAndAnUrgentCase() {
        driver.say(C, "m-1", "refill my omeprazole");
        assertThat(text(driver.say(C, "m-2", "I have chest pain and can't breathe"))).contains("911");
        assertThat(lastEscalation().getEscalate().getRoute()).isEqualTo(EscalationRoute.URGENT);
        assertThat(placeOrders()).isEmpty();
    }

    private List<ToolCommand> placeOrders() {
        return driver.toolCommands().stream().filter(c -> c.getInvokeTool().getTool().equals("place_order")).toList();
    }

    private EscalationCommand lastEscalation() {
        List<EscalationCommand> escalations = driver.escalations();
        assertThat(escalations).as("escalations").isNotEmpty();
        return escalations.get(escalations.size() - 1);
    }

    private static String text(List<ReplyEvent> replies) {
        return replies.stream().map(r -> r.getReplied().getText()).collect(Collectors.joining("\n"));
    }
}
