package com.rxflow.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class WaitPreferenceTest {

    @Test
    void readsTheWaitPreferenceAmongOthers() {
        assertThat(WaitPreference.seconds(List.of("wait=5"))).hasValue(5);
        assertThat(WaitPreference.seconds(List.of("respond-async, WAIT = \"7\""))).hasValue(7);
        assertThat(WaitPreference.seconds(List.of("handling=lenient", "wait=3;foo=bar"))).hasValue(3);
    }

    @Test
    void capsLongWaitsAtThirtySeconds() {
        assertThat(WaitPreference.seconds(List.of("wait=600"))).hasValue(30);
        assertThat(WaitPreference.seconds(List.of("wait=999999999"))).hasValue(30);
    }

    @Test
    void ignoresWhatItDoesNotUnderstandAndZero() {
        assertThat(WaitPreference.seconds(null)).isEqualTo(OptionalInt.empty());
        assertThat(WaitPreference.seconds(List.of("wait=soon"))).isEmpty();
        assertThat(WaitPreference.seconds(List.of("wait=-1"))).isEmpty();
        assertThat(WaitPreference.seconds(List.of("waiting=5"))).isEmpty();
        assertThat(WaitPreference.seconds(List.of("wait=0"))).isEmpty();
    }
}
