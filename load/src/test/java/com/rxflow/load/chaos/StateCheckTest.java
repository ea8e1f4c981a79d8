package com.rxflow.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.rxflow.load.chaos.StateCheck.Difference;

/** The verifier's state check counts a difference that lasts, not a read that straddled a timer. */
class StateCheckTest {

    /** Conversations whose state differs for the given number of reads (forever when negative). */
    private static final class ScriptedReader implements StateCheck.Reader {
        private final Map<String, Integer> readsDiffering;
        private final Map<String, Integer> reads = new HashMap<>();
        private final List<Set<String>> asked = new ArrayList<>();

        ScriptedReader(Map<String, Integer> readsDiffering) {
            this.readsDiffering = readsDiffering;
        }

        @Override
        public Map<String, Difference> differing(Set<String> conversations) {
            asked.add(Set.copyOf(conversations));
            Map<String, Difference> differing = new LinkedHashMap<>();
            for (String id : conversations) {
                int read = reads.merge(id, 1, Integer::sum);
                int differs = readsDiffering.getOrDefault(id, 0);
                if (differs < 0 || read <= differs) {
                    differing.put(id, Difference.EVENTS);
                }
            }
            return differing;
        }
    }

    @Test
    void aConversationWhoseTimerFiredBetweenTheReadsIsReadAgainAndNotCounted() {
        ScriptedReader reader = new ScriptedReader(Map.of("closed-while-read", 1));
        int[] pauses = {0};

        StateCheck.Outcome outcome = StateCheck.settle(Set.of("quiet", "closed-while-read"), reader, 3, () -> pauses[0]++);

        assertThat(outcome.lasting()).isEmpty();
        assertThat(outcome.settledOnReread()).isEqualTo(1);
        assertThat(pauses[0]).isEqualTo(1);
        assertThat(reader.asked).containsExactly(Set.of("quiet", "closed-while-read"), Set.of("closed-while-read"));
    }

    @Test
    void aDifferenceThatLastsThroughEveryRereadIsCountedWithItsKind() {
        ScriptedReader reader = new ScriptedReader(Map.of("diverged", -1, "slow", 2, "too-slow", 5));

        StateCheck.Outcome outcome = StateCheck.settle(Set.of("diverged", "slow", "too-slow", "quiet"), reader, 3, () -> { });

        assertThat(outcome.lasting()).containsOnlyKeys("diverged", "too-slow").containsValue(Difference.EVENTS);
        assertThat(outcome.settledOnReread()).isEqualTo(1);
        assertThat(reader.asked).hasSize(4);
    }

    @Test
    void conversationsThatAgreeAtOnceAreReadOnceWithoutPausing() {
        ScriptedReader reader = new ScriptedReader(Map.of());
        int[] pauses = {0};

        StateCheck.Outcome outcome = StateCheck.settle(Set.of("a", "b"), reader, 3, () -> pauses[0]++);

        assertThat(outcome.lasting()).isEmpty();
        assertThat(outcome.settledOnReread()).isZero();
        assertThat(pauses[0]).isZero();
        assertThat(reader.asked).hasSize(1);
    }
}
