package com.rxflow.processor.understanding.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Turns of phrase that borrow an emergency's words ("shoot myself in the foot", "the copay is
 * suffocating") are taken out before the rules are matched, so they raise no rule alarm; the same
 * words said of a body still alarm, also in a message that holds the idiom too.
 */
class IdiomsTest {

    private final SafetyScreen screen = SafetyScreen.bundled();

    @ParameterizedTest
    @ValueSource(strings = {
        "if i have to fax one more form ill shoot myself in the foot, metaphorically",
        "copay is straight up suffocating me this month",
        "the line at the counter was suffocating, is there a quieter time to come",
        "my bank account is on life support after paying for all 6 of my meds",
        "i swallowed my pride and asked my daughter to pay for my refill",
        "my engine seized on the highway so i cant make it to pick up today",
        "i nearly fainted when the lady said it was not covered anymore"})
    void anIdiomRaisesNoRuleAlarm(String message) {
        var found = screen.findings(message);
        assertThat(found.alarms()).as(message).isEmpty();
        assertThat(found.warns()).as(message).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "i want to shoot myself tonight",
        "i feel like im suffocating and my lips are blue",
        "the copay is suffocating but thats not why i write, my son cant breathe",
        "my dad fainted in the kitchen and wont wake up"})
    void theSameWordsSaidOfABodyStillAlarm(String message) {
        assertThat(screen.findings(message).alarms()).as(message).isNotEmpty();
    }
}
