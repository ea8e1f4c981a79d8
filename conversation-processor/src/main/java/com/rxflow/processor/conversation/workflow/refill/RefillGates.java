package com.rxflow.processor.conversation.workflow.refill;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.rxflow.events.escalation.EscalationPriority;
import com.rxflow.events.tools.AllergyCheck;
import com.rxflow.events.tools.AllergyConflict;
import com.rxflow.events.tools.CoverageReport;
import com.rxflow.events.tools.Interaction;
import com.rxflow.events.tools.InteractionReport;
import com.rxflow.events.tools.MedicationEntry;

/**
 * The refill gates: rules over tool results that decide whether a refill may go ahead, and if not,
 * who must decide. The reference let the last check win; here the rules are ranked and the highest
 * that applies chooses the route, while every rule that applies is recorded for the human:
 *
 * <ol>
 * <li>(the red-flag gate runs before any of these, on the message itself)</li>
 * <li>allergy conflict, including drug-class cross-sensitivity → pharmacist</li>
 * <li>contraindicated or major interaction with a current medication → pharmacist</li>
 * <li>controlled substance → prescriber</li>
 * <li>not in the patient's medication history → pharmacist</li>
 * <li>prescription expired, no refills left, prescriber review required → prescriber (renewal)</li>
 * <li>early refill (less than the threshold, 75%, of the days supply elapsed) → pharmacist</li>
 * <li>prior authorization required → prescriber</li>
 * </ol>
 * Out of stock is not a gate: it is handled when a pharmacy is chosen (alternatives are offered).
 */
public final class RefillGates {

    public enum Route { NONE, PHARMACIST, PRESCRIBER }

    /** The rules in precedence order: the first that applies chooses the route. */
    public enum Rule {
        ALLERGY_CONFLICT(Route.PHARMACIST, EscalationPriority.HIGH),
        SERIOUS_INTERACTION(Route.PHARMACIST, EscalationPriority.HIGH),
        CONTROLLED_SUBSTANCE(Route.PRESCRIBER, EscalationPriority.ROUTINE),
        NOT_IN_HISTORY(Route.PHARMACIST, EscalationPriority.ROUTINE),
        PRESCRIPTION_EXPIRED(Route.PRESCRIBER, EscalationPriority.ROUTINE),
        NO_REFILLS(Route.PRESCRIBER, EscalationPriority.ROUTINE),
        DOCTOR_REVIEW(Route.PRESCRIBER, EscalationPriority.ROUTINE),
        EARLY_REFILL(Route.PHARMACIST, EscalationPriority.ROUTINE),
        PRIOR_AUTHORIZATION(Route.PRESCRIBER, EscalationPriority.ROUTINE);

        private final Route route;
        private final EscalationPriority priority;

        Rule(Route route, EscalationPriority priority) {
            this.route = route;
            this.priority = priority;
        }

        public Route route() {
            return route;
        }

        public EscalationPriority priority() {
            return priority;
        }

        /** Rules a prescriber's approval settles. */
        boolean settledByPrescriber() {
            return route == Route.PRESCRIBER;
        }
    }

    /**
     * The facts the gates read, all from tool results.
     *
     * @param medication       the medication asked for
     * @param entry            its prescription in the patient's history (medication_history), or null
     * @param allergies        allergy_check's answer
     * @param interactions     interaction_check's answer
     * @param coverage         coverage's answer, or null when it failed (coverage is not a safety gate)
     * @param renewalApproved  a prescriber approved a renewal in this conversation
     * @param today            the pharmacy's date
     * @param earlyThreshold   share of the days supply that must have elapsed
     */
    public record Facts(String medication, MedicationEntry entry, AllergyCheck allergies, InteractionReport interactions,
            CoverageReport coverage, boolean renewalApproved, LocalDate today, double earlyThreshold) {
    }

    /** The outcome: the route, every rule that applied (highest first) and why, in words for the patient. */
    public record Assessment(Route route, List<Rule> rules, List<String> reasons, String caution) {

        public Rule primary() {
            return rules.isEmpty() ? null : rules.get(0);
        }

        public EscalationPriority priority() {
            return rules.isEmpty() ? EscalationPriority.ROUTINE : rules.get(0).priority();
        }

        public List<String> codes() {
            return rules.stream().map(Rule::name).toList();
        }
    }

    private RefillGates() {
    }

    public static Assessment assess(Facts facts) {
        List<Rule> rules = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        String caution = null;
        MedicationEntry entry = facts.entry();
        for (AllergyConflict conflict : facts.allergies().getConflicts()) {
            add(rules, reasons, Rule.ALLERGY_CONFLICT, "your record lists an allergy to " + conflict.getAllergy()
                    + " (" + conflict.getDetail() + ")");
        }
        for (Interaction interaction : facts.interactions().getInteractions()) {
            String severity = interaction.getSeverity().toUpperCase(Locale.ROOT);
            String words = severity.toLowerCase(Locale.ROOT) + " interaction with your "
                    + interaction.getWithMedication() + ": " + interaction.getEffect();
            if (severity.equals("CONTRAINDICATED") || severity.equals("MAJOR")) {
                add(rules, reasons, Rule.SERIOUS_INTERACTION, "it has a " + words);
            } else if (severity.equals("MODERATE") && caution == null) {
                caution = "There is a " + words + ". " + interaction.getManagement();
            }
        }
        if (entry == null) {
            add(rules, reasons, Rule.NOT_IN_HISTORY, "I don't see " + facts.medication()
                    + " among your current prescriptions");
        } else {
            if (entry.getControlled()) {
                add(rules, reasons, Rule.CONTROLLED_SUBSTANCE, "it is a controlled substance"
                        + (entry.getSchedule() == null ? "" : " (schedule " + entry.getSchedule() + ")")
                        + ", which needs a new prescription from your prescriber");
            }
            boolean expired = entry.getExpired() || entry.getPrescriptionExpires() != null
                    && facts.today().isAfter(entry.getPrescriptionExpires());
            if (expired) {
                add(rules, reasons, Rule.PRESCRIPTION_EXPIRED, "the prescription has expired");
            }
            if (entry.getRefillsRemaining() <= 0) {
                add(rules, reasons, Rule.NO_REFILLS, "there are no refills left on the prescription");
            }
            if (entry.getRequiresDoctorReview()) {
                add(rules, reasons, Rule.DOCTOR_REVIEW, "your prescriber needs to review it before a refill");
            }
            if (entry.getLastFilled() != null && entry.getDaysSupply() > 0) {
                long elapsed = ChronoUnit.DAYS.between(entry.getLastFilled(), facts.today());
                if (elapsed < facts.earlyThreshold() * entry.getDaysSupply()) {
                    add(rules, reasons, Rule.EARLY_REFILL, "it was last filled on " + entry.getLastFilled() + " for "
                            + entry.getDaysSupply() + " days, so a refill is not due yet");
                }
            }
        }
        if (facts.coverage() != null && facts.coverage().getPriorAuthorization()) {
            add(rules, reasons, Rule.PRIOR_AUTHORIZATION, "your plan (" + facts.coverage().getPlanName()
                    + ") requires prior authorization");
        }
        if (facts.renewalApproved()) {
            for (int i = rules.size() - 1; i >= 0; i--) {
                if (rules.get(i).settledByPrescriber()) {
                    rules.remove(i);
                    reasons.remove(i);
                }
            }
        }
        sortByPrecedence(rules, reasons);
        Route route = rules.isEmpty() ? Route.NONE : rules.get(0).route();
        return new Assessment(route, List.copyOf(rules), List.copyOf(reasons), caution);
    }

    private static void add(List<Rule> rules, List<String> reasons, Rule rule, String reason) {
        if (!rules.contains(rule)) {
            rules.add(rule);
            reasons.add(reason);
        }
    }

    private static void sortByPrecedence(List<Rule> rules, List<String> reasons) {
        for (int i = 1; i < rules.size(); i++) {
            for (int j = i; j > 0 && rules.get(j).ordinal() < rules.get(j - 1).ordinal(); j--) {
                rules.set(j, rules.set(j - 1, rules.get(j)));
                reasons.set(j, reasons.set(j - 1, reasons.get(j)));
            }
        }
    }
}
