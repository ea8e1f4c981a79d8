package com.rxflow.processor.understanding.safety;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule changes made from tuning rounds 12 and 13 (never from held-out messages): everyday words
 * that had matched an emergency rule no longer raise a rule alarm, and the wordings the rules had
 * missed now do, while the plan, the overdose and the sign they were narrowed around still alarm.
 * Then, from round 13's misses (tuning data) and neighbours written here: a death foretold inside an
 * everyday task at least asks the safety question with 988, while the same words about a delivery,
 * a tiring day or an app do not. Then, from round 14's misses (written blind, tuning data): a stockpile
 * with a request for more, a date, the end foretold in other words, a burden and self-harm said sideways,
 * with their everyday neighbours (a kitchen burn, old bottles for disposal, a trip). Then, from round 15's
 * misses (written blind, tuning data): "done" with nothing after it, a deadline after which nothing matters,
 * who looks after the pets "after", a lethal amount asked as "too late to fix", a stockpile added to, and
 * farewells inside a task, with their everyday neighbours (done with a refill, a coupon that expires, a
 * normal A1c, an expired bottle). An everyday reason elsewhere in a message (a graduation, an appointment,
 * "my doctor said") takes back a warn sign but only lowers an alarm sign to the safety question (found in round 17's
 * misses, tuning data).
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

    @ParameterizedTest
    @ValueSource(strings = {
        "ill be dead by sunday, you can stop sending me texts about my refill",
        "dont bother refilling it, i will be gone for good before it comes",
        "yes refill my lisinopril. actually dont bother, i wont be around to take it",
        "cancel the metformin, i doubt ill be alive to finish it",
        "refill the omeprazole please, and honestly i might not be here when it comes so whatever",
        "i dont think ill be alive by the time the refill is due",
        "think ima just log off permanently, if u know what i mean",
        "im checking out for good tonight",
        "make it a 90 day supply, actually never mind, i wont be here in 90 days",
        "dont renew it, i doubt ill be around in another month"})
    void aDeathForetoldInsideATaskAsksAtLeastTheSafetyQuestionWith988(String message) {
        asksAtLeastTheSafetyQuestionWith988(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "got three bottles of my sleeping pills saved up now, can i get the next one early",
        "i keep setting a few aside for the end of the month",
        "thats the night ill take them all, after everyone is asleep",
        "last time i didnt take enough, this time i want to get it right",
        "you can stop the texts, ill be gone by then anyway",
        "not planning on being here when the insurance renews",
        "the kids deserve a break from me, cancel everything",
        "please let my sister know im sorry when she picks it up",
        "these burns on my arm, i did them myself, what cream helps",
        "q dosis de lorazepam es mortal",
        "cuando ya no este que pasa con mis recetas",
        "no more reminders please, this is my last month on earth"})
    void aStockpileADateOrTheEndForetoldInOtherWordsAsksAtLeastTheSafetyQuestion(String message) {
        asksAtLeastTheSafetyQuestionWith988(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ojala no despertara mañana|SUICIDE_SELF_HARM",
        "ojala me muriera ya|SUICIDE_SELF_HARM",
        "i think i got someone elses pills, took two and now im really dizzy and sleepy|OVERDOSE_POISONING",
        "these are not my meds, my husband took one an hour ago and now hes confused|OVERDOSE_POISONING",
        "i stopped taking my pills weeks ago so i could save them up|SUICIDE_SELF_HARM",
        "she quit taking her sleeping pills so she can stash them away|SUICIDE_SELF_HARM",
        "his inhaler is not workin and he cant talk in full sentences|BREATHING",
        "no kiero seguir viviendo|SUICIDE_SELF_HARM",
        "life is not worth living anymore honestly|SUICIDE_SELF_HARM",
        "sitting on the railroad tracks right now|SUICIDE_SELF_HARM",
        "thinking about ctb tonight|SUICIDE_SELF_HARM",
        "i have a gun and a plan|SUICIDE_SELF_HARM",
        "sitting in the tub with a razor blade|SUICIDE_SELF_HARM",
        "carved his name into my arm again|SUICIDE_SELF_HARM",
        "what pill would make me sleep forever|SUICIDE_SELF_HARM",
        "cuantas pastillas para que se me pare el corazon|SUICIDE_SELF_HARM",
        "me voy a tirar del puente esta noche|SUICIDE_SELF_HARM",
        "ya tengo la soga lista|SUICIDE_SELF_HARM",
        "her face is drooping and she is slurring, she had a small stroke years ago|STROKE",
        "blisters all over his chest and his mouth is full of sores, he start the new pill last month|SEVERE_SKIN_REACTION"})
    void theseWordsAlarmForTheirEmergency(String message, EmergencyCategory category) {
        assertThat(screen.findings(message).alarms()).as(message)
                .anySatisfy(hit -> assertThat(hit.category()).isEqualTo(category));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "i might not be here when the delivery comes, can you leave it with my neighbour",
        "i wont be around to pick it up until monday",
        "ill be dead tired by sunday, this week is a lot",
        "how do i log out of the app on my phone",
        "i wont be home when it arrives so please ship it to my office",
        "ojala no llueva mañana cuando vaya a recoger la receta",
        "i got the wrong pills in my bag but i have not taken any, can you swap them",
        "i wont be here for two weeks, i am visiting my sister, can i pick it up later",
        "i stopped taking the ibuprofen because my knee is better, can i save the rest for next time",
        "i burned my hand on the stove cooking, what cream is best",
        "found two full bottles of old pills in the cupboard, can i bring them in for disposal",
        "i tried last year to get it covered and they said no, can you try again",
        "ill be gone by then, im on vacation till the 20th, can my wife pick it up",
        "i put a few aside for my trip, can i get a travel letter",
        "cuando ya no este de viaje paso por la receta"})
    void theSameWordsAboutADeliveryOrADayRaiseNoRuleSign(String message) {
        raisesNoRuleSign(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "honestly im just done",
        "after friday none of this will matter, just cancel my refills",
        "can someone make sure my dog gets walked after",
        "how much of my insulin would be too late for the er to fix",
        "is there a pill that stops your heart in your sleep",
        "fill it early please, i need to add to what i have been saving",
        "i dont think i can keep going like this",
        "i dont want anyone to revive me, cancel the narcan",
        "this is probably the last time you hear from me",
        "wont need my lexapro where im going",
        "after the 3rd i will be gone so stop the auto refill",
        "a quien llaman ustedes si un paciente se muere",
        "my sister keeps saying kms and i used to laugh it off",
        "para cuando ya no este, pasen mis recetas a mi hermana",
        "no tengo razones para seguir"})
    void doneNothingMattersAfterADateOrWhoLooksAfterThePetsAfterAsksAtLeastTheSafetyQuestion(String message) {
        asksAtLeastTheSafetyQuestionWith988(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "im done, thanks for the help",
        "i am done with my refill, what else do you need from me",
        "after friday the coupon wont matter, it expires",
        "text me when it is ready and i will pick it up after work",
        "my mom has too many pill bottles, can you do blister packs for her",
        "wont need my metformin anymore, my a1c is normal now",
        "goodbye forever to the old pharmacy hours, love the new 24h",
        "el frasco entero caduco, me pueden dar otro",
        "what if i take 10 mg instead of 5",
        "i dont see the point of the new app, can i just call",
        "im not moving, just need my refill sent to the same store",
        "cuando ya no este en casa mi hija recoge la receta",
        "tonight is the night of the school play, can i pick up early",
        "how do i stop my heart racing after coffee",
        "i could sleep forever after this week lol",
        "the inhaler is not workin as well as it used to, can i get a new one",
        "he had an allergic reaction to penicillin as a kid, he is 12 now, please add it to his chart",
        "missing my husband this time of year, he used to pick up my pills"})
    void theSameWordsAboutARefillACouponOrAnAppRaiseNoRuleSign(String message) {
        raisesNoRuleSign(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "please cancel the refills, i decided to end my life after my sons graduation",
        "can i come in without an appointment, i burn myself on purpose again",
        "my doctor said to stop the zoloft and honestly i want to kill myself"})
    void anEverydayReasonElsewhereDoesNotTakeBackASignOfSuicideItAsksAtLeastTheSafetyQuestion(String message) {
        asksAtLeastTheSafetyQuestionWith988(message);
        assertThat(screen.findings(message).warns()).as(message)
                .anySatisfy(hit -> assertThat(hit.category()).isEqualTo(EmergencyCategory.SUICIDE_SELF_HARM));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tonights the night",
        "pienso en la muerte todo el tiempo",
        "el viernes es mi ultimo dia, ya lo decidi",
        "not sure if ill still be here by the time the refill is ready",
        "ive been hiding a few in my sock drawer",
        "figured out how many tablets i would need",
        "my husband died last year and i have decided i am going to join him this weekend",
        "i tried two years ago and failed, this time i will take all of them",
        "my sister killed herself in 2019 and lately i keep thinking about doing it the same way"})
    void aNightThatIsTheNightPillsHiddenOrCountedOrAPlanToldBesideThePastAskAtLeastTheSafetyQuestion(String message) {
        asksAtLeastTheSafetyQuestionWith988(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "inhaler not workin cant talk in full sentences",
        "my son cant speak in full sentences, hes wheezing"})
    void notBeingAbleToFinishASentenceForBreathIsToldAsABreathingEmergencyNotAStroke(String message) {
        Screening verdict = screen.screen(message);

        assertThat(verdict.level()).as(message).isEqualTo(ScreenLevel.EMERGENCY);
        assertThat(verdict.primary()).as(message).isEqualTo(EmergencyCategory.BREATHING);
    }

    private void raisesNoRuleSign(String message) {
        LexicalScreen.Findings found = screen.findings(message);

        assertThat(found.alarms()).as(message).isEmpty();
        assertThat(found.warns()).as(message).isEmpty();
    }

    private void asksAtLeastTheSafetyQuestionWith988(String message) {
        Screening verdict = screen.screen(message);

        assertThat(verdict.level()).as(message).isNotEqualTo(ScreenLevel.CLEAR);
        assertThat(verdict.categories()).as(message).contains(EmergencyCategory.SUICIDE_SELF_HARM);
    }
}
