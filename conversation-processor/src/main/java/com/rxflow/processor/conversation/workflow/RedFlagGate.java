package com.rxflow.processor.conversation.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deterministic red-flag gate. It runs on every patient message before anything else, in
 * every state, even while a pharmacist owns the conversation; no interpreter or conversation type
 * sees the message first, so nothing can override it. It errs on the side of caution: a mention
 * is enough.
 */
public final class RedFlagGate {

    /** A red flag: its stable code (an escalation reason) and what the patient is told at once. */
    public record RedFlag(String code, String reply) {
    }

    private static final String ALERTED = " I have also alerted a pharmacist, who will contact you here.";
    private static final String CALL_911 = "This may be a medical emergency. Please call 911 now (or your local "
            + "emergency number)." + ALERTED;

    private static final List<Rule> RULES = List.of(
            new Rule("SUICIDAL_THOUGHTS", "\\b(suicid\\w*|kill myself|end (?:my|it all)|end my life|want to die"
                    + "|don'?t want to (?:live|be alive)|self[- ]?harm|hurt myself|better off dead)\\b",
                    "I'm really sorry you're going through this. Please call or text 988 (the Suicide & Crisis "
                            + "Lifeline) right now; it is free and open at any hour. If you are in immediate danger, "
                            + "call 911." + ALERTED),
            new Rule("OVERDOSE", "\\b(overdos\\w*|took too (?:many|much)|taken too (?:many|much)|swallowed (?:a|the|all)"
                    + "|whole bottle|double dosed)\\b",
                    "Taking too much of a medicine can be dangerous. Please call 911 now, or Poison Control at "
                            + "1-800-222-1222." + ALERTED),
            new Rule("CHEST_PAIN", "\\b(chest (?:pain|hurts|tightness|pressure)|pain in my chest|heart attack)\\b", CALL_911),
            new Rule("TROUBLE_BREATHING", "\\b(can'?t breathe|cannot breathe|trouble breathing|difficulty breathing"
                    + "|hard to breathe|short(?:ness)? of breath|struggling to breathe|not breathing)\\b", CALL_911),
            new Rule("SEVERE_ALLERGIC_REACTION", "\\b(anaphyla\\w*|severe allergic reaction|throat (?:is )?(?:closing|swelling)"
                    + "|(?:face|lips?|tongue|throat) (?:is |are )?swell\\w*|swelling (?:of|in) my (?:face|lips|tongue|throat)"
                    + "|hives all over)\\b", CALL_911),
            new Rule("MEDICAL_EMERGENCY", "\\b(unconscious|passed out|seizure|stroke|fainted|bleeding heavily"
                    + "|won'?t stop bleeding)\\b", CALL_911));

    private record Rule(String code, Pattern pattern, String reply) {
        Rule(String code, String regex, String reply) {
            this(code, Pattern.compile(regex), reply);
        }
    }

    private RedFlagGate() {
    }

    public static Optional<RedFlag> check(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('’', '\'');
        for (Rule rule : RULES) {
            if (rule.pattern().matcher(lower).find()) {
                return Optional.of(new RedFlag(rule.code(), rule.reply()));
            }
        }
        return Optional.empty();
    }
}
