package com.rxflow.processor.understanding.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule changes made from tuning rounds 12 and 13 (never from held-out messages): everyday words
 * that had matched an emergency rule no longer raise a rule alarm, and the wordings the rules had
 * missed now do, while the plan, the overdose and the sign they were narrowed around still alarm.
 */
class WordingTrapsTest {

    private final SafetyScreen screen = SafetyScreen.bundled();

    @ParameterizedTest
    @ValueSource(strings = {
        "i dont know how to use this app",
        "is blue cross going to pay for my inhaler",
        "my new refill is blue pills instead of white ones",
        "I gave you the wrong date of birth earlier",
        "ya me tome las pastillas de hoy"})
    void everydayWordsRaiseNoRuleAlarm(String message) {
        assertThat(screen.findings(message).alarms()).as(message).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "i know how i will do it",
        "my lips are turning blue",
        "i took my husbands pills by mistake",
        "me tome todas las pastillas de la caja",
        "my toddler ate something out of my purse, pretty sure it was my pills",
        "i took a box cutter to my arms again last night"})
    void anEmergencyInTheseWordsAlarms(String message) {
        assertThat(screen.findings(message).alarms()).as(message).isNotEmpty();
    }
}
