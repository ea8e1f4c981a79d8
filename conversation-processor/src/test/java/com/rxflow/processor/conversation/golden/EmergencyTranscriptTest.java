package com.rxflow.processor.conversation.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import com.rxflow.events.conversation.ConversationEvent;
import com.rxflow.events.conversation.ConversationEventType;
import com.rxflow.events.conversation.RedFlagLevel;
import com.rxflow.events.escalation.EscalationCommand;
import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.PharmacyFixtures;

/**
 * Golden transcripts of emergencies, one per category of the safety screen, through the production
 * topology: the patient is told at once what to do and whom to call, an URGENT case opens with the
 * category as its reason, the screen's verdict is in the domain log, and nothing else happens.
 */
class EmergencyTranscriptTest {

    private static final String C = "c-emergency";
    private ConversationDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void open() {
        driver = new ConversationDriver(PharmacyFixtures.seed());
        driver.open(C);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/understanding/emergency-examples.csv", delimiter = '|')
    void anEmergencyIsAnsweredAtOnceWithItsNumberAndOpensAnUrgentCaseWithItsCategory(String category, String message,
            String number) {
        open();

        List<ReplyEvent> replies = driver.say(C, "m-1", message);

        assertThat(replies.get(0).getReplied().getText()).contains(number)
                .contains("alerted a pharmacist").doesNotContain("?");
        assertThat(urgentCases()).singleElement().satisfies(e -> {
            assertThat(e.getEscalate().getReasonCodes()).contains(category);
            assertThat(e.getEscalate().getPriority().name()).isEqualTo("URGENT");
            assertThat(e.getEscalate().getQuestion()).isEqualTo(message);
        });
        assertThat(redFlags()).singleElement().satisfies(f -> {
            assertThat(f.getRedFlagRaised().getLevel()).isEqualTo(RedFlagLevel.EMERGENCY);
            assertThat(f.getRedFlagRaised().getCategories()).extracting(Enum::name).contains(category);
            assertThat(f.getRedFlagRaised().getEvidence()).isNotBlank();
        });
        assertThat(step()).isEqualTo("WITH_PHARMACIST");
        assertThat(driver.say(C, "m-2", "refill my omeprazole")).as("the assistant stays silent; a pharmacist owns it")
                .isEmpty();
        assertThat(toolCalls("medication_history")).isEmpty();
    }

    @Test
    void someoneWhoMayBeAtRiskOfSuicideAfterTakingPillsHearsOf988AndOfPoisonControl() {
        open();

        String reply = only(driver.say(C, "m-1", "i took all my sleeping pills so i wont wake up"));

        assertThat(reply).contains("988", "1-800-222-1222");
    }

    @Test
    void aSpanishEmergencyIsAnsweredInSpanishWithTheNumber() {
        open();

        String reply = only(driver.say(C, "m-1", "mi bebe se trago unas pastillas de mi mama"));

        assertThat(reply).contains("Control de Envenenamientos", "1-800-222-1222");
        assertThat(urgentCases()).singleElement();
    }

    @Test
    void aMessageTheScreenIsUnsureOfGetsOneSafetyQuestionAndAnUrgentCaseNeverTheMenu() {
        open();

        String reply = only(driver.say(C, "m-1", "should i be worried, i slipped and bumped my head on the counter"));

        assertThat(reply).contains("?").doesNotContain("refill a prescription");
        assertThat(reply.chars().filter(c -> c == '?').count()).isEqualTo(1);
        assertThat(urgentCases()).singleElement().satisfies(e -> assertThat(e.getEscalate().getReasonCodes())
                .startsWith("POSSIBLE_EMERGENCY"));
        assertThat(redFlags()).singleElement().satisfies(f -> assertThat(f.getRedFlagRaised().getLevel())
                .isEqualTo(RedFlagLevel.UNCERTAIN));
    }

    @Test
    void negationsIdiomsAndThePastRaiseNoAlarmAndTheRequestGoesOn() {
        open();

        for (String message : List.of("no chest pain, just a refill", "I'm dying to know the price",
                "kill the old order", "the swelling went down last week")) {
            driver.say(C, "m-" + message.hashCode(), message);
        }

        assertThat(urgentCases()).isEmpty();
        assertThat(redFlags()).isEmpty();
    }

    @Test
    void anEmergencyWhileAPharmacistOwnsTheConversationIsStillAnsweredFirst() {
        open();
        driver.say(C, "m-1", "can I take ibuprofen with my meloxicam?");
        assertThat(step()).isEqualTo("WITH_PHARMACIST");

        String reply = only(driver.say(C, "m-2", "also my wife just collapsed and isnt breathing"));

        assertThat(reply).contains("911");
        assertThat(urgentCases()).singleElement();
    }

    private List<EscalationCommand> urgentCases() {
        return driver.escalations().stream().filter(e -> e.getEscalate() != null
                && e.getEscalate().getRoute() == EscalationRoute.URGENT).toList();
    }

    private List<ConversationEvent> redFlags() {
        return driver.events().stream().filter(e -> e.getType() == ConversationEventType.RED_FLAG_RAISED).toList();
    }

    private List<ToolCommand> toolCalls(String tool) {
        return driver.toolCommands().stream().filter(c -> c.getInvokeTool().getTool().equals(tool)).toList();
    }

    private String step() {
        return driver.state(C).getStep();
    }

    private static String only(List<ReplyEvent> replies) {
        assertThat(replies).hasSize(1);
        return replies.get(0).getReplied().getText();
    }
}
