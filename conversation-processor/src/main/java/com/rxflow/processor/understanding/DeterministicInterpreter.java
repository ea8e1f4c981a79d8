package com.rxflow.processor.understanding;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rxflow.processor.understanding.InterpretationContext.KnownMedication;
import com.rxflow.processor.understanding.InterpretationContext.ListedPharmacy;
import com.rxflow.processor.understanding.text.Corrector;
import com.rxflow.processor.understanding.text.Normaliser;

/**
 * The offline interpreter: keyword rules for intents ({@link IntentRules}, over the normalised
 * message), the drug vocabulary plus the patient's own
 * medication list for medications (generic, brand, condition, misspelling by Jaro-Winkler
 * similarity), and patterns for strengths, quantities, ZIP codes and pharmacy choices. No I/O, no
 * state, no randomness: the same words and context always give the same interpretation.
 */
public final class DeterministicInterpreter implements Interpreter {

    /** At or above: a misspelling is taken as the drug. */
    static final double ACCEPT = 0.90;
    /** At or above (and below ACCEPT): the drug is offered back as a question. */
    static final double SUGGEST = 0.84;
    /** Two candidates closer than this are ambiguous: the patient is asked which. */
    static final double CLOSE = 0.03;

    private static final Pattern STRENGTH = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(mg|mcg|g|ml|units?)\\b");
    private static final Pattern QUANTITY = Pattern.compile(
            "\\b(\\d{1,3})\\s*(?:tablets?|pills?|capsules?|caps|tabs|count)\\b");
    private static final Pattern DAYS = Pattern.compile("\\b(\\d{1,3})\\s*-?\\s*days?\\b");
    private static final Pattern ZIP = Pattern.compile("(?<![\\d.])(\\d{5})(?:-\\d{4})?(?![\\d.]|\\s*(?:mg|mcg|g|ml))");
    private static final Pattern INDEX = Pattern.compile(
            "^(?:(?:number|option|no\\.?|#)\\s*)?([1-9])(?:st|nd|rd|th)?(?:\\s+(?:one|please|pharmacy))?$"
                    + "|\\b(?:number|option|#)\\s*([1-9])\\b");
    private static final Pattern REFILL_TERM = Pattern.compile(
            "\\b(?:refill|renew|reorder|refilled|more)\\s+(?:of\\s+|for\\s+)?(?:my\\s+|the\\s+)?([a-z][a-z0-9-]{3,})"
                    + "|\\bmy\\s+([a-z][a-z0-9-]{3,})\\s+(?:refill|prescription|refilled|renewed)");
    private static final Pattern WANTS = Pattern.compile("\\b(need|want|get|order|send|pick up)\\b");
    private static final Pattern WANTED = Pattern.compile(
            "\\b(?:need|want|get|order)\\s+(?:my\\s+|some\\s+|more\\s+)?([a-z][a-z0-9-]{3,})");
    private static final Pattern CLOSEST = Pattern.compile("\\b(closest|nearest|nearby one|shortest distance)\\b");
    private static final Pattern CHEAPEST = Pattern.compile(
            "\\b(cheapest|least expensive|lowest price|best price|cheaper one)\\b");
    private static final List<String> CHAINS = List.of("walmart", "cvs", "walgreens", "heb", "costco", "rite aid",
            "kroger");
    private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth"};
    private static final Set<String> NOT_DRUGS = Set.of("medication", "medications", "medicine", "medicines", "meds",
            "prescription", "prescriptions", "pills", "pill", "refill", "refills", "please", "pharmacy", "pharmacist",
            "order", "orders", "blood", "pressure", "insurance", "price", "prices", "thanks", "there", "that", "this",
            "what", "which", "with", "have", "need", "want", "would", "could", "should", "take", "taking", "about",
            "from", "them", "those", "these", "tablets", "capsules", "supply", "month", "refilled", "again", "today",
            "tomorrow", "cheapest", "closest", "nearest", "cancel", "start", "over", "yes", "okay", "sure", "right",
            "correct", "meant", "actually", "sorry", "help", "hello", "also", "both", "some", "more", "other",
            "another", "one", "same", "usual", "regular", "daily", "morning", "night", "mean", "know", "remember",
            "stomach", "sugar", "heart", "pain", "doctor", "time", "soon", "when", "where", "does", "used", "side",
            "effects", "effect", "allergic", "allergy", "allergies", "covered", "coverage", "cost", "much", "many",
            "running", "low", "walmart", "walgreens", "store", "location", "near", "nearby", "number", "option",
            "person", "human", "someone", "talk", "speak", "information", "something", "anything", "advice",
            "assistance", "appointment", "your", "their");

    /** What a "cancel" names when it is an order it cancels. */
    private static final Pattern AN_ORDER = Pattern.compile("\\b(refills?|orders?|ordered|pedido|orden|shipment|delivery)\\b");

    /** Weak hints that are kept beside strong intents, because an explicit yes must not carry them. */
    private static final Set<Intent> VETOES = Set.of(Intent.NO, Intent.CANCEL, Intent.CORRECTION);

    private final DrugVocabulary vocabulary;
    private final IntentRules rules;
    private final Normaliser normaliser;

    public DeterministicInterpreter(DrugVocabulary vocabulary) {
        this(vocabulary, IntentRules.bundled());
    }

    public DeterministicInterpreter(DrugVocabulary vocabulary, IntentRules rules) {
        this.vocabulary = vocabulary;
        this.rules = rules;
        // slips of the rules' own words are put right ("refil", "presciption", "insurence")
        this.normaliser = new Normaliser(new Corrector(rules.words(), Set.of()));
    }

    @Override
    public Interpretation interpret(String text, InterpretationContext context) {
        String lower = normalise(text);
        IntentRules.Match match = rules.match(normaliser.normalise(text).text());
        // a strong rule says the intent; weak ones only point, and never outvote a strong one
        Set<Intent> intents = EnumSet.noneOf(Intent.class);
        intents.addAll(match.strong().isEmpty() ? match.weak() : match.strong());
        // a hint of "no" still vetoes a yes: "no, don't place it" never places an order
        match.weak().stream().filter(VETOES::contains).forEach(intents::add);
        // two requests said strongly at once ("how much is it without insurance") is not certainty either
        boolean confident = !match.strong().isEmpty()
                && match.strong().stream().filter(Intent::isRequest).count() <= 1;
        List<MedicationMention> medications = medications(lower, context);
        PharmacyChoice pharmacy = pharmacy(lower, context);
        String unresolved = medications.isEmpty() ? unresolvedTerm(lower) : null;
        if (unresolved == null && medications.isEmpty() && WANTS.matcher(lower).find()) {
            unresolved = wantedTerm(lower);
        }
        if (!context.awaitingAnswer() && intents.stream().anyMatch(Intent::isRequest)) {
            intents.remove(Intent.CORRECTION); // "refill my methocarbamol, make it a 90 day" opens a refill
        }
        if (!context.awaitingAnswer() && intents.contains(Intent.CANCEL)
                && (!medications.isEmpty() || AN_ORDER.matcher(lower).find())) {
            intents.add(Intent.CANCEL_ORDER); // "cancel the famotidine", "the refill isnt needed, cancel it"
        }
        if (intents.contains(Intent.CANCEL) && intents.contains(Intent.CANCEL_ORDER)) {
            intents.remove(Intent.CANCEL);
        }
        if (intents.contains(Intent.YES) && intents.contains(Intent.NO) && lower.startsWith("no")) {
            intents.remove(Intent.YES); // "no, don't place it" is a no, whatever else it says
        }
        if (intents.isEmpty() && (!medications.isEmpty() || unresolved != null)) {
            // "I need my acid reflux medicine": a medication with a wanting verb is a refill, alone a question
            intents.add(WANTS.matcher(lower).find() ? Intent.REFILL : Intent.DRUG_INFO);
            confident = false;
        }
        Intent primary = intents.isEmpty() ? Intent.UNKNOWN : intents.iterator().next();
        return new Interpretation(primary, intents, medications, strength(lower), quantity(lower), days(lower),
                zip(lower), pharmacy, unresolved, Interpretation.Layer.KEYWORD, confident);
    }

    static String normalise(String text) {
        return text.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[^a-z0-9.'#\\- ]", " ")
                .replaceAll("\\s+", " ").strip();
    }

    private List<MedicationMention> medications(String lower, InterpretationContext context) {
        List<MedicationMention> found = new ArrayList<>();
        List<String> words = List.of(lower.replaceAll("[^a-z0-9 ]", " ").split(" +"));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.length() < 4 || NOT_DRUGS.contains(word)) {
                continue;
            }
            MedicationMention mention = byName(word, context);
            if (mention != null && found.stream().noneMatch(m -> m.candidates().equals(mention.candidates()))) {
                found.add(mention);
            }
        }
        for (MedicationMention mention : byCondition(lower, context)) {
            if (found.stream().noneMatch(m -> m.candidates().equals(mention.candidates()))) {
                found.add(mention);
            }
        }
        // keep the order of appearance in the message
        found.sort((a, b) -> Integer.compare(lower.indexOf(a.matchedText()), lower.indexOf(b.matchedText())));
        return found;
    }

    /** A word matched against the patient's names first, then the vocabulary; exact before approximate. */
    private MedicationMention byName(String word, InterpretationContext context) {
        for (KnownMedication known : context.medications()) {
            if (word.equals(known.name()) || word.equals(known.genericName())) {
                return exact(known.name(), true, "GENERIC", word);
            }
            if (known.brandNames().stream().anyMatch(b -> b.toLowerCase(Locale.ROOT).equals(word))) {
                return exact(known.name(), true, "BRAND", word);
            }
        }
        for (DrugVocabulary.Drug drug : vocabulary.drugs()) {
            String how = drug.generic().equals(word) ? "GENERIC" : drug.brands().contains(word) ? "BRAND"
                    : drug.misspellings().contains(word) ? "MISSPELLING" : null;
            if (how != null) {
                String own = patientsName(drug, context);
                return new MedicationMention(own != null ? own : drug.generic(), own != null, how,
                        how.equals("MISSPELLING") ? 0.95 : 1.0, List.of(own != null ? own : drug.generic()), word);
            }
        }
        return approximate(word, context);
    }

    private MedicationMention approximate(String word, InterpretationContext context) {
        String best = null;
        double bestScore = 0;
        String second = null;
        double secondScore = 0;
        for (String name : candidateNames(context)) {
            double score = Similarity.jaroWinkler(word, name);
            String drug = canonical(name, context);
            if (score > bestScore) {
                if (best != null && !best.equals(drug)) {
                    second = best;
                    secondScore = bestScore;
                }
                best = drug;
                bestScore = score;
            } else if (score > secondScore && !drug.equals(best)) {
                second = drug;
                secondScore = score;
            }
        }
        if (best == null || bestScore < SUGGEST) {
            return null;
        }
        String drug = best;
        boolean own = context.medications().stream().anyMatch(m -> m.name().equals(drug));
        boolean close = second != null && secondScore >= SUGGEST && bestScore - secondScore < CLOSE;
        List<String> candidates = close ? List.of(best, second) : List.of(best);
        // below ACCEPT a single candidate is offered back as a question ("did you mean ...?")
        String name = !close && bestScore >= ACCEPT ? best : null;
        return new MedicationMention(name, own, "FUZZY", bestScore, candidates, word);
    }

    private List<String> candidateNames(InterpretationContext context) {
        List<String> names = new ArrayList<>();
        for (KnownMedication known : context.medications()) {
            names.add(known.name());
            known.brandNames().forEach(b -> names.add(b.toLowerCase(Locale.ROOT)));
        }
        for (DrugVocabulary.Drug drug : vocabulary.drugs()) {
            names.add(drug.generic());
            names.addAll(drug.brands());
        }
        return names;
    }

    /** The medication a name stands for: the patient's own name for it where they take it. */
    private String canonical(String name, InterpretationContext context) {
        for (KnownMedication known : context.medications()) {
            if (known.name().equals(name) || known.brandNames().stream().anyMatch(b -> b.equalsIgnoreCase(name))) {
                return known.name();
            }
        }
        DrugVocabulary.Drug drug = vocabulary.byName(name);
        if (drug == null) {
            return name;
        }
        String own = patientsName(drug, context);
        return own != null ? own : drug.generic();
    }

    private static String patientsName(DrugVocabulary.Drug drug, InterpretationContext context) {
        for (KnownMedication known : context.medications()) {
            if (drug.isNamed(known.name()) || drug.isNamed(String.valueOf(known.genericName()))
                    || known.brandNames().stream().anyMatch(b -> drug.isNamed(b.toLowerCase(Locale.ROOT)))) {
                return known.name();
            }
        }
        return null;
    }

    private static MedicationMention exact(String name, boolean own, String how, String word) {
        return new MedicationMention(name, own, how, 1.0, List.of(name), word);
    }

    /** "my acid reflux medicine": only the patient's own medications can be meant by a condition. */
    private List<MedicationMention> byCondition(String lower, InterpretationContext context) {
        List<MedicationMention> found = new ArrayList<>();
        List<String> phrases = new ArrayList<>();
        vocabulary.drugs().forEach(d -> phrases.addAll(d.conditions()));
        context.medications().forEach(m -> {
            if (m.condition() != null) {
                phrases.add(m.condition().toLowerCase(Locale.ROOT));
            }
        });
        phrases.sort((a, b) -> Integer.compare(b.length(), a.length()));
        String rest = lower;
        for (String phrase : phrases) {
            if (!containsWord(rest, phrase)) {
                continue;
            }
            // a longer phrase ("acid reflux") consumes its words, so a shorter one ("reflux") is not counted twice
            rest = rest.replace(phrase, " ");
            List<String> meds = new ArrayList<>();
            for (KnownMedication known : context.medications()) {
                if (treats(known, phrase) && !meds.contains(known.name())) {
                    meds.add(known.name());
                }
            }
            if (!meds.isEmpty()) {
                found.add(new MedicationMention(meds.size() == 1 ? meds.get(0) : null, true, "CONDITION",
                        meds.size() == 1 ? 1.0 : 0.5, meds, phrase));
            }
        }
        return found;
    }

    private boolean treats(KnownMedication known, String phrase) {
        if (known.condition() != null && known.condition().toLowerCase(Locale.ROOT).contains(phrase)) {
            return true;
        }
        DrugVocabulary.Drug drug = vocabulary.byName(known.genericName() != null ? known.genericName() : known.name());
        if (drug == null) {
            drug = vocabulary.byName(known.name());
        }
        return drug != null && drug.conditions().contains(phrase);
    }

    private static String strength(String lower) {
        Matcher m = STRENGTH.matcher(lower);
        if (!m.find()) {
            return null;
        }
        String number = m.group(1);
        if (number.contains(".")) {
            number = number.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        String unit = m.group(2).startsWith("unit") ? "units" : m.group(2);
        return number + unit;
    }

    /** Whether {@code phrase} occurs in {@code text} as whole words; no regex, so nothing is compiled per message. */
    static boolean containsWord(String text, String phrase) {
        for (int from = text.indexOf(phrase); from >= 0; from = text.indexOf(phrase, from + 1)) {
            int end = from + phrase.length();
            boolean starts = from == 0 || !Character.isLetterOrDigit(text.charAt(from - 1));
            boolean ends = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (starts && ends) {
                return true;
            }
        }
        return false;
    }

    private static Integer quantity(String lower) {
        Matcher m = QUANTITY.matcher(lower);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static Integer days(String lower) {
        Matcher m = DAYS.matcher(lower);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    private static String zip(String lower) {
        Matcher m = ZIP.matcher(lower);
        return m.find() ? m.group(1) : null;
    }

    private static PharmacyChoice pharmacy(String lower, InterpretationContext context) {
        if (CLOSEST.matcher(lower).find()) {
            return PharmacyChoice.closest();
        }
        if (CHEAPEST.matcher(lower).find()) {
            return PharmacyChoice.cheapest();
        }
        Matcher index = INDEX.matcher(lower.replaceAll("^(?:the|option|number)\\s+", "").strip());
        if (index.find()) {
            return PharmacyChoice.index(Integer.parseInt(index.group(1) != null ? index.group(1) : index.group(2)));
        }
        for (int i = 0; i < ORDINALS.length; i++) {
            if (containsWord(lower, ORDINALS[i])) {
                return PharmacyChoice.index(i + 1);
            }
        }
        String plain = lower.replace("-", "");
        for (ListedPharmacy listed : context.pharmacies()) {
            String chain = listed.name().toLowerCase(Locale.ROOT).replace("-", "").split("[ #]")[0];
            if (!chain.isEmpty() && containsWord(plain, chain)) {
                return PharmacyChoice.named(chain);
            }
        }
        for (String chain : CHAINS) {
            if (containsWord(plain, chain)) {
                return PharmacyChoice.named(chain);
            }
        }
        return null;
    }

    /** "I need hydrocodone": the word after a wanting verb, when it is not an everyday word. */
    private static String wantedTerm(String lower) {
        Matcher m = WANTED.matcher(lower);
        return m.find() && !NOT_DRUGS.contains(m.group(1)) && !m.group(1).startsWith("to") ? m.group(1) : null;
    }

    private static String unresolvedTerm(String lower) {
        Matcher m = REFILL_TERM.matcher(lower);
        while (m.find()) {
            String term = m.group(1) != null ? m.group(1) : m.group(2);
            if (!NOT_DRUGS.contains(term)) {
                return term;
            }
        }
        return null;
    }
}
