package com.rxflow.processor.understanding.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Words that name an emergency ("overdose", "poison control", "a seizure", "fainted") are judged by
 * the semantic layer from a low line: said as happening they alarm, said as a topic (a pet, a school
 * project, a scare that is over, a question for later) they do not. Said as happening in so many
 * words ("he is having a seizure", "I think I overdosed") they alarm by rule.
 */
class TopicWordsTest {

    private final SafetyScreen screen = SafetyScreen.bundled();

    @ParameterizedTest
    @ValueSource(strings = {
        "my husband is having a seizure on the kitchen floor",
        "i think i overdosed on my sleeping pills",
        "im suicidal and i have my pills in front of me",
        "my mom just collapsed and shes breathing weird",
        "i think my dad is having a stroke his words are all jumbled",
        "my daughter swallowed something and poison control isnt picking up",
        "hes choking on a pill and cant talk"})
    void aNamedEmergencyThatIsHappeningAlarms(String message) {
        assertThat(screen.screen(message).alarms()).as(message).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "i had a seizure back in 2015 and have been fine since, refill my keppra please",
        "can you refill my dogs phenobarbital, the vet gave it to him for his seizures"})
    void aNamedEmergencyThatIsOverOrAboutAPetIsClear(String message) {
        Screening verdict = screen.screen(message);
        assertThat(verdict.alarms()).as(message + " " + verdict.evidence()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overdose", "poison", "seizure", "stroke", "heart attack", "fainted", "choking",
        "serotonin syndrome", "suicidal"})
    void aNamingWordIsATopicForTheSemanticLayerNotAnAlarmOnItsOwn(String word) {
        var found = screen.findings("i read about " + word + " in a magazine");
        assertThat(found.alarms()).as(word).isEmpty();
        assertThat(found.topics()).as(word).isNotEmpty();
    }
}
