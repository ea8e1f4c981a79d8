package com.rxflow.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import com.rxflow.platform.kafka.DeadLetters;

class TimerGuardTest {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");

    private final List<Record<String, byte[]>> deadLetters = new ArrayList<>();
    private final List<String> fired = new ArrayList<>();
    private final TimerGuard guard = new TimerGuard("some-timers", deadLetters::add);

    @Test
    void aTimerThatReadsAndFiresLeavesNoDeadLetter() {
        assertThat(guard.fire("0001|a", "conv-a", NOW, key -> key, fired::add)).isTrue();

        assertThat(fired).containsExactly("0001|a");
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aTimerWhoseKeyCannotBeReadIsDeadLetteredAsUnreadableAndNeverFired() {
        assertThat(guard.fire("garbage", "conv-a", NOW, key -> Long.parseLong(key), ignored -> fired.add("fired")))
                .isFalse();

        assertThat(fired).isEmpty();
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo("garbage");
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("conv-a");
            assertThat(dead.timestamp()).isEqualTo(NOW.toEpochMilli());
            assertThat(header(dead, TimerGuard.REASON_CODE_HEADER)).isEqualTo("TIMER_KEY_UNREADABLE");
            assertThat(header(dead, DeadLetters.REASON_HEADER)).startsWith("NumberFormatException");
            assertThat(header(dead, TimerGuard.TIMER_STORE_HEADER)).isEqualTo("some-timers");
        });
    }

    @Test
    void aTimerThatThrowsWhenFiredIsDeadLetteredAsFailedWithItsInnermostCause() {
        guard.fire("0001|a", null, NOW, key -> key, key -> {
            throw new IllegalStateException("decision failed", new ArithmeticException("/ by zero"));
        });

        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.value()).isNull();
            assertThat(header(dead, TimerGuard.REASON_CODE_HEADER)).isEqualTo("TIMER_FAILED");
            assertThat(header(dead, DeadLetters.REASON_HEADER)).isEqualTo("ArithmeticException: / by zero");
        });
    }

    @Test
    void kafkasOwnExceptionsAreNotATimersFaultAndReachKafkaStreams() {
        TaskMigratedException migrated = new TaskMigratedException("moved", new RuntimeException());

        assertThatThrownBy(() -> guard.fire("0001|a", "conv-a", NOW, key -> key, key -> {
            throw migrated;
        })).isSameAs(migrated);
        assertThat(deadLetters).isEmpty();
    }

    private static String header(Record<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
