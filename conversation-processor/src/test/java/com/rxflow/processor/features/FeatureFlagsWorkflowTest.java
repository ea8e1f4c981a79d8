package com.rxflow.processor.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.escalation.EscalationRoute;
import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.platform.features.FeatureFlag;
import com.rxflow.platform.features.FeatureFlags;
import com.rxflow.platform.features.Rollout;
import com.rxflow.processor.conversation.ConversationDriver;
import com.rxflow.processor.conversation.ConversationMeters;
import com.rxflow.processor.conversation.PharmacyFixtures;

/**
 * The two flags the workflow acts on, through the production topology: the flags are evaluated by
 * the Streams shell for the conversation's patient and handed to the pure core with each input.
 */
class FeatureFlagsWorkflowTest {

    private static final String C = "c-flags";
    private FeatureFlags flags;
    private ConversationDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        if (flags != null) {
            flags.close();
        }
    }

    private void start(Map<FeatureFlag, Rollout> rollouts) {
        flags = FeatureFlags.of(rollouts);
        driver = new ConversationDriver(PharmacyFixtures.seed(), FeaturePolicy.of(flags), ConversationMeters.none());
        driver.open(C);
    }

    @Test
    void withoutMultiPharmacyComparisonTheNearestPharmacyInStockIsOfferedWithoutPrices() {
        start(Map.of(FeatureFlag.MULTI_PHARMACY_COMPARISON, Rollout.off()));
        text(driver.say(C, "m-1", "I need to refill my omeprazole"));

        String pharmacies = text(driver.say(C, "m-2", "yes"));

        assertThat(pharmacies).contains("1. CVS Pharmacy #12345").doesNotContain("2. ", "Walmart", "$");
        assertThat(tools()).contains("find_pharmacies").doesNotContain("compare_prices");
        assertThat(text(driver.say(C, "m-3", "1"))).contains("Please confirm your order: omeprazole 20mg, quantity 30, "
                + "at CVS Pharmacy #12345");
    }

    @Test
    void withMultiPharmacyComparisonSeveralPharmaciesAreComparedByPrice() {
        start(Map.of());
        text(driver.say(C, "m-1", "I need to refill my omeprazole"));

        assertThat(text(driver.say(C, "m-2", "yes"))).contains("1. CVS Pharmacy #12345", "4. Walmart Pharmacy #98765",
                "$9.60");
        assertThat(tools()).contains("compare_prices");
    }

    @Test
    void withoutEnhancedDrugCheckingTheInteractionCheckIsSkippedButNeverTheAllergyCheck() {
        start(Map.of(FeatureFlag.ENHANCED_DRUG_CHECKING, Rollout.off()));

        assertThat(text(driver.say(C, "m-1", "I need to refill my omeprazole"))).contains("I found your omeprazole 20mg")
                .doesNotContain("interaction_check");
        assertThat(tools()).contains("allergy_check", "medication_history", "coverage").doesNotContain("interaction_check");

        String allergic = text(driver.say(C, "m-2", "no, I meant amoxicillin"));
        assertThat(allergic).contains("your record lists an allergy to penicillin", "allergy_check (rxflow-demo-data)");
        assertThat(driver.escalations()).anySatisfy(e -> {
            assertThat(e.getEscalate().getRoute()).isEqualTo(EscalationRoute.PHARMACIST);
            assertThat(e.getEscalate().getReasonCodes()).contains("ALLERGY_CONFLICT");
        });
    }

    @Test
    void aRolloutAppliesToThePatientsOnItsAllowList() {
        start(Map.of(FeatureFlag.MULTI_PHARMACY_COMPARISON,
                new Rollout(true, Set.of(PharmacyFixtures.PATIENT), 0)));
        text(driver.say(C, "m-1", "I need to refill my omeprazole"));

        assertThat(text(driver.say(C, "m-2", "yes"))).contains("4. Walmart Pharmacy #98765");
        assertThat(FeaturePolicy.of(flags).forPatient("patient_999").priceComparison()).isFalse();
    }

    @Test
    void aFlagChangedInTheFlagsFileAppliesToTheNextInputWithoutARestart() throws IOException {
        Path file = Files.createDirectories(Path.of("target", "flags")).resolve(UUID.randomUUID() + ".yaml");
        flags = new FeatureFlags(FeatureFlags.of(Map.of()).rollouts(), file);
        driver = new ConversationDriver(PharmacyFixtures.seed(), FeaturePolicy.of(flags), ConversationMeters.none());
        driver.open(C);
        text(driver.say(C, "m-1", "I need to refill my omeprazole"));
        assertThat(text(driver.say(C, "m-2", "yes"))).contains("4. Walmart Pharmacy #98765");

        Files.writeString(file, "multi_pharmacy_comparison: false\n");
        assertThat(flags.refresh()).isTrue();

        assertThat(text(driver.say(C, "m-3", "start over"))).contains("Let's start over");
        text(driver.say(C, "m-4", "I need to refill my omeprazole"));
        assertThat(text(driver.say(C, "m-5", "yes"))).contains("1. CVS Pharmacy #12345").doesNotContain("Walmart");
    }

    private List<String> tools() {
        return driver.toolCommands().stream().map(c -> c.getInvokeTool().getTool()).toList();
    }

    private static String text(List<ReplyEvent> replies) {
        assertThat(replies).as("replies of the turn").isNotEmpty();
        return String.join("\n", replies.stream().map(r -> r.getReplied().getText()).toList());
    }
}
