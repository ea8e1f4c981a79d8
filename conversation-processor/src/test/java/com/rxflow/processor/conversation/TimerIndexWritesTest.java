package com.rxflow.processor.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rxflow.events.reply.ReplyEvent;
import com.rxflow.events.tool.ToolCommand;
import com.rxflow.processor.conversation.workflow.Timers;

/**
 * The timer index is written only when a deadline it must honour changes: the inactivity deadline,
 * which every message and reply moves later, and the tool calls' timeouts, which come and go within a
 * turn, are indexed as checks on a grid, so a turn whose deadlines keep their grid points writes
 * nothing; and every timer still fires when it is due.
 */
class TimerIndexWritesTest {

    private ConversationDriver driver = new ConversationDriver(PharmacyFixtures.seed());

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void aTurnWhoseDeadlinesKeepTheirGridPointsWritesNothingToTheTimerChangelog() {
        driver.open("c-1"); // its profile call indexed a tool-timeout check 20 s on, and the inactivity check
        driver.timerChangelog();

        // 5 s later: the call's timeout falls in the same 20 s grid cell, the idle deadline in the same 30 min one
        driver.say("c-1", "m-1", "Which medications am I on?");

        assertThat(driver.toolCommands()).as("the turn called a tool").hasSizeGreaterThan(1);
        assertThat(driver.timerChangelog()).isEmpty();
    }

    @Test
    void anUnansweredToolCallStillTimesOutExactlyOneToolTimeoutAfterItWasSent() {
        driver.close(); // one driver at a time: they share the state folder
        driver = new ConversationDriver(PharmacyFixtures.seed().withSilent("medication_history"));
        driver.open("c-1");
        driver.say("c-1", "m-1", "Which medications am I on?");
        ToolCommand call = driver.toolCommands().get(driver.toolCommands().size() - 1);
        Instant deadline = call.getInvokeTool().getDeadline();
        int sent = driver.toolCommands().size();

        // the check at the open's grid point comes due first: the call is not due yet, the check moves to it
        driver.advance(Duration.between(driver.now(), deadline).minusSeconds(3));
        driver.advance(Duration.ofSeconds(2));
        assertThat(driver.toolCommands()).as("not retried before its deadline").hasSize(sent);

        driver.advance(Duration.ofSeconds(1));
        assertThat(driver.toolCommands()).hasSize(sent + 1).last()
                .satisfies(retry -> assertThat(retry.getInvokeTool().getRequestId())
                        .isEqualTo(call.getInvokeTool().getRequestId()));
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
