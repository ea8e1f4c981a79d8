package com.rxflow.processor.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rxflow.processor.conversation.workflow.handoff.SafetyReplies;
import com.rxflow.processor.understanding.safety.SafetyScreen;
import com.rxflow.processor.understanding.safety.ScreenLevel;
import com.rxflow.processor.understanding.safety.Screening;
import com.rxflow.processor.understanding.semantic.Exemplar;
import com.rxflow.processor.understanding.semantic.Exemplars;

/**
 * The published figures of understanding, measured on the HELD-OUT sets (never used to write a
 * rule or choose a threshold): emergency recall per category, 988 for every suicide-risk message,
 * false alarms on harmless and look-alike messages, intent accuracy. Misses are counted, never
 * printed: a held-out message that is read to fix it stops being held out. The report goes to
 * {@code target/understanding-evaluation.md}; docs/understanding.md publishes it.
 *
 * <p>The assertions are floors at the figures measured when these sets were first run to the end
 * (a ratchet: a change may raise them, never lower them, except where docs/understanding.md records
 * a trade made on the tuning set: the false-alarm floor moved from 2.2 % to 4.7 % when the screen
 * chose recall, a missed emergency weighing two false alarms; with round 9 and the gate the same rule
 * chose thresholds that brought false alarms down to 2.5 % and recall to 99.0 %, one serious-bleeding
 * message fewer; with round 10 recall went back to 99.3 % and 988 to 50 of 52, while false alarms
 * rose to 2.8 % and intents fell to 92.9 %; the tuning rounds do not always agree on confusable
 * intents, a missed dose with "should I take it now" being a dosing question in rounds 9 and 10 and
 * adherence in earlier ones; round 11, worded to be confused with emergencies, brought false alarms
 * down to 2.1 % and intents up to 93.1 %; the quadratic kernel and the negated-yes rules raised intents to
 * 93.6 %; round 12 lowered recall to 99.0 % and was not kept, see docs/understanding.md; the second opinion
 * raised intents to 96.6 %; six lexical fixes from tuning false alarms brought false alarms to 1.8 %; rules from
 * round 14, written blind, raised recall to 99.7 % and 988 to 51 of 52; rules from round 15 left every figure
 * as it was, and so did the fix that lets an everyday reason lower an alarm sign only to a warn). Issue 12's targets (recall 99 %, 988 for
 * every suicide-risk message, false alarms 2 %, intents 95 %) are met but one: 988 for every suicide-risk message
 * is NOT met yet (51 of 52): docs/understanding.md says what is missing.
 */
class UnderstandingEvaluationTest {

    static final String SAFETY = "/understanding/heldout/safety-heldout.tsv";
    static final String INTENTS = "/understanding/heldout/intent-heldout.tsv";

    private static final Map<String, int[]> BY_CATEGORY = new TreeMap<>(); // total, emergency, uncertain, 988
    private static int harmless;
    private static int falseAlarms;
    private static int falseEmergencies;
    private static int intentMessages;
    private static int intentAlarms;
    private static int intentCorrect;
    private static int medicationCorrect;
    private static final Map<String, int[]> BY_INTENT = new TreeMap<>();

    @BeforeAll
    static void measure() throws IOException {
        SafetyScreen screen = SafetyScreen.bundled();
        for (Exemplar e : Exemplars.resource(SAFETY)) {
            Screening s = screen.screen(e.text());
            if (e.label().equals(SafetyScreen.NONE)) {
                harmless++;
                falseAlarms += s.alarms() ? 1 : 0;
                falseEmergencies += s.level() == ScreenLevel.EMERGENCY ? 1 : 0;
                continue;
            }
            int[] c = BY_CATEGORY.computeIfAbsent(e.label(), k -> new int[4]);
            c[0]++;
            c[1] += s.level() == ScreenLevel.EMERGENCY ? 1 : 0;
            c[2] += s.level() == ScreenLevel.UNCERTAIN ? 1 : 0;
            c[3] += s.alarms() && SafetyReplies.of(s).contains("988") ? 1 : 0;
        }
        Interpreter interpreter = LayeredInterpreter.bundled();
        for (Exemplar e : Exemplars.resource(INTENTS)) {
            intentMessages++;
            intentAlarms += screen.screen(e.text()).alarms() ? 1 : 0;
            Interpretation understood = interpreter.interpret(e.text(), JohnSmith.context());
            boolean right = understood.intent().name().equals(e.label());
            intentCorrect += right ? 1 : 0;
            int[] c = BY_INTENT.computeIfAbsent(e.label(), k -> new int[2]);
            c[0]++;
            c[1] += right ? 1 : 0;
            String medication = understood.medications().isEmpty() ? "-"
                    : understood.firstMedication().ambiguous() ? "?" : String.valueOf(understood.firstMedication().name());
            medicationCorrect += medication.equals(e.detail()) ? 1 : 0;
        }
        writeReport();
    }

    @Test
    void atLeast99Point6PercentOfEmergenciesAreAnsweredAsEmergenciesOrWithASafetyQuestion() {
        int total = BY_CATEGORY.values().stream().mapToInt(c -> c[0]).sum();
        int caught = BY_CATEGORY.values().stream().mapToInt(c -> c[1] + c[2]).sum();
        assertThat(total).isGreaterThanOrEqualTo(200);
        assertThat(100.0 * caught / total).as("emergency recall on the held-out set, %d of %d", caught, total)
                .isGreaterThanOrEqualTo(99.6);
    }

    @Test
    void atLeast98PercentOfSuicideRiskMessagesAreAnsweredWith988() {
        int[] suicide = BY_CATEGORY.get("SUICIDE_SELF_HARM");
        assertThat(suicide[0]).isGreaterThanOrEqualTo(30);
        assertThat(100.0 * suicide[3] / suicide[0]).as("suicide-risk messages answered with 988, %d of %d", suicide[3],
                suicide[0]).isGreaterThanOrEqualTo(98.0);
    }

    @Test
    void atMost1Point8PercentOfLookAlikesAnd2PercentOfOrdinaryRequestsRaiseAnAlarm() {
        assertThat(harmless).isGreaterThanOrEqualTo(200);
        assertThat(100.0 * falseAlarms / harmless).as("false alarms on look-alikes, %d of %d", falseAlarms, harmless)
                .isLessThanOrEqualTo(1.8);
        assertThat(100.0 * intentAlarms / intentMessages).as("false alarms on ordinary requests, %d of %d", intentAlarms,
                intentMessages).isLessThanOrEqualTo(2.0);
    }

    @Test
    void atLeast96Point5PercentOfIntentsAreUnderstood() {
        assertThat(intentMessages).isGreaterThanOrEqualTo(300);
        assertThat(100.0 * intentCorrect / intentMessages).as("intent accuracy, %d of %d", intentCorrect, intentMessages)
                .isGreaterThanOrEqualTo(96.5);
    }

    private static void writeReport() throws IOException {
        StringBuilder out = new StringBuilder("| category | messages | emergency | safety question | recall | with 988 |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        int total = 0;
        int emergency = 0;
        int uncertain = 0;
        for (Map.Entry<String, int[]> e : BY_CATEGORY.entrySet()) {
            int[] c = e.getValue();
            total += c[0];
            emergency += c[1];
            uncertain += c[2];
            out.append(String.format("| %s | %d | %d | %d | %.1f %% | %s |%n", e.getKey(), c[0], c[1], c[2],
                    100.0 * (c[1] + c[2]) / c[0], e.getKey().equals("SUICIDE_SELF_HARM") ? c[3] + " of " + c[0] : ""));
        }
        out.append(String.format("| **all** | %d | %d | %d | **%.1f %%** | |%n%n", total, emergency, uncertain,
                100.0 * (emergency + uncertain) / total));
        out.append(String.format("False alarms: %d of %d harmless and look-alike messages (%.1f %%; %d told as an "
                + "emergency, the rest asked one safety question), %d of %d ordinary requests (%.1f %%).%n%n", falseAlarms,
                harmless, 100.0 * falseAlarms / harmless, falseEmergencies, intentAlarms, intentMessages,
                100.0 * intentAlarms / intentMessages));
        out.append(String.format("Intents: %d of %d right (%.1f %%); first medication: %d of %d (%.1f %%).%n%n",
                intentCorrect, intentMessages, 100.0 * intentCorrect / intentMessages, medicationCorrect, intentMessages,
                100.0 * medicationCorrect / intentMessages));
        out.append("| intent | messages | right |\n|---|---:|---:|\n");
        BY_INTENT.forEach((k, v) -> out.append(String.format("| %s | %d | %d |%n", k, v[0], v[1])));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/understanding-evaluation.md"), out.toString());
    }
}
