package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.processor.conversation.workflow.Timers;

/**
 * The timer index is written only when a deadline it must honour changes: a tool call's timeout
 * comes and goes with the call, while the inactivity deadline, which every message and reply moves
 * later, is indexed once per idle timeout as a check, and the conversation still closes when its
 * idle time is up.
 */
class TimerIndexWritesTest {

    private final ConversationDriver driver = new ConversationDriver(PharmacyFixtures.seed());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aTurnWhoseToolAnswersWritesOnlyTheToolTimeoutToTheTimerChangelog() {
        driver.open("c-1");
        driver.timerChangelog();

        driver.say("c-1", "m-1", "Which medications am I on?");

        List<TestRecord<String, String>> written = driver.timerChangelog();
        assertThat(written).as("each call's timeout is written once and removed once, nothing else").isNotEmpty()
                .allSatisfy(record -> assertThat(Timers.Timer.parse(record.key()).kind())
                        .isEqualTo(Timers.TOOL_TIMEOUT));
        Map<String, List<Boolean>> removals = written.stream().collect(Collectors.groupingBy(TestRecord::key,
                Collectors.mapping(record -> record.value() == null, Collectors.toList())));
        assertThat(removals.values()).allSatisfy(put -> assertThat(put).containsExactly(false, true));
    }

    @Test
    void manyTurnsWithinOneIdleTimeoutLeaveTheInactivityCheckWhereItWas() {
        driver.open("c-1");
        List<String> checks = inactivityKeys();
        driver.timerChangelog();

        driver.say("c-1", "m-1", "Which medications am I on?");
        driver.advance(Duration.ofMinutes(5));
        driver.say("c-1", "m-2", "Which medications am I on?");

        assertThat(driver.timerChangelog()).extracting(record -> Timers.Timer.parse(record.key()).kind())
                .doesNotContain(Timers.INACTIVITY);
        assertThat(inactivityKeys()).hasSize(1).isEqualTo(checks);
    }

    @Test
    void aConversationStillClosesExactlyOneIdleTimeoutAfterItsLastActivity() {
        driver.open("c-1");
        driver.say("c-1", "m-1", "Which medications am I on?");
        driver.advance(Duration.ofMinutes(10));
        driver.say("c-1", "m-2", "Which medications am I on?");
        Instant lastActivity = driver.state("c-1").getLastActivityAt();
        Instant deadline = lastActivity.plus(ConversationDriver.POLICY.idleTimeout());

        // the check indexed at the start's first grid point comes due first: it moves to the deadline
        driver.advance(Duration.between(driver.now(), deadline).minusMinutes(5));
        assertThat(driver.state("c-1").getStep()).isNotEqualTo("CLOSED");
        assertThat(inactivityKeys()).singleElement()
                .satisfies(key -> assertThat(Timers.Timer.parse(key).dueAt()).isEqualTo(deadline));

        List<ReplyEvent> early = driver.advance(Duration.between(driver.now(), deadline).minusSeconds(1));
        assertThat(early).isEmpty();
        assertThat(driver.state("c-1").getStep()).isNotEqualTo("CLOSED");

        List<ReplyEvent> notice = driver.advance(Duration.ofSeconds(1));
        assertThat(notice).singleElement()
                .satisfies(reply -> assertThat(reply.getReplied().getText()).contains("30 minutes without activity"));
        assertThat(driver.state("c-1").getStep()).isEqualTo("CLOSED");
        assertThat(inactivityKeys()).isEmpty();
    }

    private List<String> inactivityKeys() {
        try (var all = driver.timerIndex().all()) {
            List<String> keys = new ArrayList<>();
            all.forEachRemaining(entry -> {
                if (entry.key.contains("|" + Timers.INACTIVITY + "|")) {
                    keys.add(entry.key);
                }
            });
            return keys;
        }
    }
}
