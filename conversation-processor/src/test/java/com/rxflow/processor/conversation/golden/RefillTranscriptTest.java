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

    @SuppressWarnings("unused")
    private List<EscalationCommand> escalations(EscalationRoute route) {
        return driver.escalations().stream().filter(e -> e.getEscalate() != null && e.getEscalate().getRoute() == route)
                .toList();
    }
}
