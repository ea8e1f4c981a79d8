package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.platform.kafka.DeadLetters;
import com.rxflow.platform.streams.TimerGuard;

/**
 * A timer that throws when it fires (here an index entry whose key cannot be read, as a corrupt
 * entry or one written by another release would be) is dead-lettered once with its key and reason,
 * leaves the index, and does not keep the other timers of its punctuation from firing.
 */
class PoisonTimerTest {

    private final ConversationDriver driver = new ConversationDriver(PharmacyFixtures.seed());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aTimerThatThrowsIsDeadLetteredOnceWhileTheOtherTimersOfItsPunctuationStillFire() {
        driver.open("c-1");
        driver.open("c-2");
        // due before both inactivity timers, so it is the first of the punctuation's range
        String poison = String.format("%013d|unreadable", driver.now().plus(Duration.ofMinutes(1)).toEpochMilli());
        driver.timerIndex().put(poison, "c-9");

        List<ReplyEvent> notices = driver.advance(Duration.ofMinutes(31));

        assertThat(notices).extracting(r -> r.getMetadata().getConversationId())
                .containsExactlyInAnyOrder("c-1", "c-2");
        assertThat(driver.state("c-1").getStep()).isEqualTo("CLOSED");
        assertThat(driver.state("c-2").getStep()).isEqualTo("CLOSED");
        List<TestRecord<String, byte[]>> deadLetters = driver.deadLetters();
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(poison);
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("c-9");
            assertThat(header(dead, TimerGuard.REASON_CODE_HEADER)).isEqualTo("TIMER_KEY_UNREADABLE");
            assertThat(header(dead, DeadLetters.REASON_HEADER)).startsWith("ArrayIndexOutOfBoundsException");
            assertThat(header(dead, TimerGuard.TIMER_STORE_HEADER)).isEqualTo(ConversationTopology.TIMERS_STORE);
        });
        assertThat(driver.timerIndex().get(poison)).isNull();
    }

    @Test
    void aDeadLetteredTimerDoesNotComeBackAtTheNextPunctuation() {
        driver.open("c-1");
        String poison = String.format("%013d|unreadable", driver.now().plus(Duration.ofSeconds(30)).toEpochMilli());
        driver.timerIndex().put(poison, "c-1");
        driver.advance(Duration.ofMinutes(1));
        assertThat(driver.deadLetters()).hasSize(1);

        driver.advance(Duration.ofMinutes(1));
        driver.advance(Duration.ofMinutes(31));

        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.state("c-1").getStep()).as("the conversation's own timer still fired").isEqualTo("CLOSED");
    }

    private static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
