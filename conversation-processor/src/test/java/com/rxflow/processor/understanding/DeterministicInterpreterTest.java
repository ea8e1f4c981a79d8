package com.rxflow.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rxflow.processor.understanding.InterpretationContext.KnownMedication;
import com.rxflow.processor.understanding.InterpretationContext.ListedPharmacy;

class DeterministicInterpreterTest {

    private static final InterpretationContext JOHN = new InterpretationContext(List.of(
            new KnownMedication("lisinopril", "lisinopril", List.of("Prinivil", "Zestril"), "hypertension", "ACE inhibitor"),
            new KnownMedication("metformin", "metformin", List.of("Glucophage"), "type 2 diabetes", "biguanide"),
            new KnownMedication("omeprazole", "omeprazole", List.of("Prilosec"), "gastroesophageal reflux disease", "PPI"),
            new KnownMedication("famotidine", "famotidine", List.of("Pepcid"), "heartburn", "H2 blocker")),
            List.of(new ListedPharmacy("CVS_12345", "CVS Pharmacy #12345"),
                    new ListedPharmacy("WALMART_98765", "Walmart Pharmacy #98765")));

    private final Interpreter interpreter = new DeterministicInterpreter(DrugVocabulary.bundled());

    private Interpretation read(String text) {
        return interpreter.interpret(text, JOHN);
    }

    @ParameterizedTest
    @CsvSource({
            "I need to refill my Prilosec, omeprazole, BRAND",
            "refill my blood pressure pill, lisinopril, CONDITION",
            "I need my acid reflux medicine, omeprazole, CONDITION",
            "refill omeprazol please, omeprazole, MISSPELLING",
            "refill my metforman, metformin, MISSPELLING",
            "can you refill Glucophage, metformin, BRAND"})
    void aMedicationIsFoundByNameBrandConditionOrMisspelling(String text, String medication, String how) {
        Interpretation understood = read(text);

        assertThat(understood.intent()).isEqualTo(Intent.REFILL);
        assertThat(understood.firstMedication().name()).isEqualTo(medication);
        assertThat(understood.firstMedication().matchedBy()).isEqualTo(how);
    }

    @Test
    void approximateMatchingGivesAConfidence() {
        MedicationMention mention = read("refill my metforminn").firstMedication();

        assertThat(mention.name()).isEqualTo("metformin");
        assertThat(mention.matchedBy()).isEqualTo("FUZZY");
        assertThat(mention.confidence()).isBetween(0.9, 1.0);
    }

    @Test
    void aConditionTwoMedicationsTreatIsAmbiguous() {
        MedicationMention mention = read("refill my heartburn medicine").firstMedication();

        assertThat(mention.ambiguous()).isTrue();
        assertThat(mention.candidates()).containsExactlyInAnyOrder("omeprazole", "famotidine");
    }

    @Test
    void aDrugThePatientDoesNotTakeIsStillRecognised() {
        MedicationMention mention = read("I need a refill for my hydrocodone").firstMedication();

        assertThat(mention.name()).isEqualTo("hydrocodone");
        assertThat(mention.inPatientList()).isFalse();
    }

    @Test
    void severalMedicationsAreListedInTheOrderTheyAreNamed() {
        assertThat(read("refill omeprazole and famotidine").medications()).extracting(MedicationMention::name)
                .containsExactly("omeprazole", "famotidine");
    }

    @ParameterizedTest
    @CsvSource({"10 mg, 10mg", "10mg, 10mg", "0.5 mg, 0.5mg", "100 mcg, 100mcg"})
    void strengthsAreNormalised(String said, String strength) {
        assertThat(read("refill omeprazole " + said).strength()).isEqualTo(strength);
    }

    @Test
    void quantitiesDaysAndZipCodesAreRead() {
        Interpretation understood = read("90 tablets, a 90-day supply, near 78701");

        assertThat(understood.quantity()).isEqualTo(90);
        assertThat(understood.daysSupply()).isEqualTo(90);
        assertThat(understood.zip()).isEqualTo("78701");
    }

    @ParameterizedTest
    @CsvSource({"2, INDEX, 2", "the second one, INDEX, 2", "number 1, INDEX, 1", "the closest, CLOSEST, 0",
            "the cheapest please, CHEAPEST, 0", "the Walmart, NAME, 0"})
    void aPharmacyIsPickedByNumberNameDistanceOrPrice(String text, String kind, int index) {
        PharmacyChoice choice = read(text).pharmacy();

        assertThat(choice.kind()).isEqualTo(kind);
        assertThat(choice.index()).isEqualTo(index);
    }

    @ParameterizedTest
    @CsvSource({"yes, YES", "'Yes, please place the order', YES", "no, NO", "cancel, CANCEL", "start over, START_OVER",
            "no I meant metformin, CORRECTION", "Can I talk to a pharmacist?, TALK_TO_PERSON",
            "which medications am I on?, LIST_MEDICATIONS", "can I take ibuprofen with my meloxicam?, INTERACTION_QUESTION",
            "what are the side effects of metformin, SIDE_EFFECTS", "how much is omeprazole, PRICE",
            "does my insurance cover eliquis, COVERAGE", "where is my order, ORDER_STATUS",
            "cancel my order, CANCEL_ORDER", "find a pharmacy near me, FIND_PHARMACY", "what is lisinopril for, DRUG_INFO",
            "am I allergic to amoxicillin, ALLERGY_QUESTION", "hello, GREETING", "thanks, THANKS", "bye, GOODBYE",
            "qwerty, UNKNOWN"})
    void intentsAreRecognised(String text, Intent intent) {
        assertThat(read(text).intent()).isEqualTo(intent);
    }

    @Test
    void onlyAnUnqualifiedYesIsAnExplicitYes() {
        assertThat(read("yes").isExplicitYes()).isTrue();
        assertThat(read("no, don't place it").isExplicitYes()).isFalse();
        assertThat(read("maybe").isExplicitYes()).isFalse();
    }

    @Test
    void aYesWordWithANegationIsANoNeverAnExplicitYes() {
        for (String answer : java.util.List.of("definitely not", "absolutely not", "of course not", "not yet",
                "not at the moment", "hold off", "no way", "naw", "para nada", "sure, wait")) {
            assertThat(read(answer).isExplicitYes()).as(answer).isFalse();
        }
        for (String answer : java.util.List.of("definitely not", "not yet", "naw", "uh uh", "hold off")) {
            assertThat(read(answer).intent()).as(answer).isEqualTo(Intent.NO);
        }
        assertThat(read("never place the order").isExplicitYes()).isFalse();
    }

    @Test
    void everydayYesWordsAreExplicitYeses() {
        for (String answer : java.util.List.of("of course", "yessir", "bet", "totally", "yes, no rush", "yess")) {
            assertThat(read(answer).isExplicitYes()).as(answer).isTrue();
        }
    }

    @Test
    void hedgedAndSlangAnswersAreReadAsTheAnswerTheyGive() {
        for (String answer : java.util.List.of("probably not", "i dont think so", "hang on, not yet", "not for now thanks",
                "hard pass", "todavia no", "no dont order it", "wait dont place it", "please dont")) {
            assertThat(read(answer).intent()).as(answer).isEqualTo(Intent.NO);
            assertThat(read(answer).isExplicitYes()).as(answer).isFalse();
        }
        for (String answer : java.util.List.of("go for it", "i think so", "looks right to me", "for sure", "uh huh",
                "asi es", "that would be fine, thank you")) {
            assertThat(read(answer).isExplicitYes()).as(answer).isTrue();
        }
        // the hedge's negation still wins
        assertThat(read("i dont think so, go for it later").isExplicitYes()).isFalse();
    }

    @Test
    void aCancelThatNamesAnOrderOrAMedicationCancelsTheOrder() {
        for (String text : java.util.List.of("cancel the famotidine", "found my old bottle, so the refill isnt needed, cancel it",
                "kill the mobic refill", "scratch both refills i asked for", "stop the shipment, i moved",
                "i dont want the mobic refill anymore")) {
            assertThat(read(text).intent()).as(text).isEqualTo(Intent.CANCEL_ORDER);
        }
        assertThat(read("cancel").intent()).isEqualTo(Intent.CANCEL);
        assertThat(read("never mind, forget it").intent()).isEqualTo(Intent.CANCEL);
    }

    @Test
    void aGoodbyeIsNotAYesEvenWhenItStartsWithOk() {
        // asked "shall I place the order?", a patient who writes "ok bye" has not confirmed anything
        assertThat(read("ok bye").isExplicitYes()).isFalse();
        assertThat(read("ok bye").intent()).isEqualTo(Intent.GOODBYE);
        assertThat(read("thats it for now, bye").intent()).isEqualTo(Intent.GOODBYE);
        assertThat(read("ok").isExplicitYes()).isTrue();
    }

    @Test
    void anUnknownNameIsKeptAsAnUnresolvedTerm() {
        assertThat(read("I need to refill my xyz123medicine").unresolvedTerm()).isEqualTo("xyz123medicine");
    }
}
