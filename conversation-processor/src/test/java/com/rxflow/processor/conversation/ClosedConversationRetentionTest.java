package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A closed conversation leaves the store once its retention has passed, with a tombstone on the
 * store's changelog, so no restore brings it back; a conversation closed more recently, or still
 * open, stays. Time passes on a mutable clock and the driver's wall clock.
 */
class ClosedConversationRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(10);

    private final ConversationDriver driver = new ConversationDriver(PharmacyFixtures.seed(),
            new ClosedConversations.Retention(RETENTION, Duration.ofMinutes(1)));

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aClosedConversationLeavesTheStoreWithATombstoneOnceItsRetentionHasPassed() {
        driver.open("c-old");
        driver.advance(Duration.ofMinutes(31));
        assertThat(driver.state("c-old").getStep()).isEqualTo("CLOSED");
        driver.advance(RETENTION.minusDays(3));
        driver.open("c-recent");
        driver.advance(Duration.ofMinutes(31));
        assertThat(driver.state("c-recent").getStep()).isEqualTo("CLOSED");
        driver.changelog();

        driver.advance(Duration.ofDays(2));
        assertThat(driver.state("c-old")).as("a day before its retention ends").isNotNull();

        driver.advance(Duration.ofDays(1));
        assertThat(driver.state("c-old")).isNull();
        assertThat(driver.state("c-recent")).as("closed three days later").isNotNull();
        List<TestRecord<String, byte[]>> changes = driver.changelog();
        assertThat(changes).singleElement().satisfies(tombstone -> {
            assertThat(tombstone.key()).isEqualTo("c-old");
            assertThat(tombstone.value()).isNull();
        });

        driver.advance(Duration.ofDays(8));
        assertThat(driver.state("c-recent")).as("closed seven days after the first").isNull();
    }

    @Test
    void aConversationThatIsNotClosedStaysHoweverOldItIs() {
        driver.open("c-held");
        driver.say("c-held", "m-1", "Can I talk to a pharmacist?");
        // held for a pharmacist: no inactivity timer, so it never closes by itself
        assertThat(driver.escalations()).isNotEmpty();

        driver.advance(RETENTION.multipliedBy(3));

        assertThat(driver.state("c-held")).isNotNull();
        assertThat(driver.state("c-held").getStep()).isNotEqualTo("CLOSED");
    }

    @Test
    void aMessageForADeletedConversationIsHandledAsOneForAnUnknownConversation() {
        driver.open("c-1");
        driver.advance(Duration.ofMinutes(31));
        driver.advance(RETENTION.plusDays(1));
        assertThat(driver.state("c-1")).isNull();

        assertThat(driver.say("c-1", "m-9", "hello again")).isNotEmpty();

        assertThat(driver.state("c-1")).isNotNull();
        assertThat(driver.state("c-1").getStep()).isNotEqualTo("CLOSED");
    }
}
