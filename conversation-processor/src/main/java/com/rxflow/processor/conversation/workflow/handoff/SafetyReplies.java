package com.rxflow.processor.conversation.workflow.handoff;

import java.util.EnumMap;
import java.util.Map;

import com.rxflow.processor.understanding.safety.EmergencyCategory;
import com.rxflow.processor.understanding.safety.ScreenLevel;
import com.rxflow.processor.understanding.safety.Screening;

/**
 * What the patient is told the moment the safety screen alarms: the number to call first (988 for
 * a risk of suicide, Poison Control for too much medicine, 911 for the rest), what the signs may
 * mean in one sentence, and that a pharmacist has been alerted. When the screen is unsure, one
 * direct safety question with the number to call if the answer is yes; never the menu, never "are
 * you sure". Spanish messages are answered in Spanish.
 */
public final class SafetyReplies {

    private static final String ALERTED = " I have also alerted a pharmacist, who will contact you here.";
    private static final String ALERTED_ES = " También avisé a un farmacéutico, que te contactará aquí.";
    private static final String CALL_911 = " Please call 911 now (or your local emergency number).";
    private static final String CALL_911_ES = " Llama al 911 ahora.";
    private static final String CRISIS = " Please call or text 988 (the Suicide & Crisis Lifeline) right now; it is free "
            + "and open at any hour. If you are in immediate danger or have already taken something, call 911.";
    private static final String CRISIS_ES = " Llama o envía un mensaje de texto al 988 (la Línea de Prevención del "
            + "Suicidio y Crisis; marca 2 para español) ahora mismo; es gratis y atiende a toda hora. Si estás en peligro "
            + "inmediato o ya tomaste algo, llama al 911.";
    private static final String POISON = " Call Poison Control now at 1-800-222-1222 (free, 24 hours), even if there "
            + "are no symptoms yet. If the person is not breathing, cannot be woken, is having a seizure or is very "
            + "drowsy, call 911. If it was taken on purpose, call or text 988 as well.";
    private static final String POISON_ES = " Llama ahora a Control de Envenenamientos al 1-800-222-1222 (gratis, 24 "
            + "horas), aunque todavía no haya síntomas. Si la persona no respira, no despierta, tiene convulsiones o está "
            + "muy somnolienta, llama al 911. Si fue a propósito, llama o envía un mensaje al 988 también.";

    private static final Map<EmergencyCategory, String> LEADS = new EnumMap<>(Map.ofEntries(
            Map.entry(EmergencyCategory.SUICIDE_SELF_HARM, "I'm really sorry you're going through this, and I'm glad you "
                    + "told me."),
            Map.entry(EmergencyCategory.OVERDOSE_POISONING, "Too much of a medicine, or someone else's medicine, can be "
                    + "dangerous, and some poisonings show no symptoms for hours."),
            Map.entry(EmergencyCategory.ANAPHYLAXIS, "Swelling of the lips, tongue, face or throat, or hives with "
                    + "wheezing, can be a severe allergic reaction. If there is an epinephrine auto-injector (EpiPen), "
                    + "use it."),
            Map.entry(EmergencyCategory.HEART_ATTACK, "Chest pain, pressure or tightness can be a sign of a heart attack."),
            Map.entry(EmergencyCategory.STROKE, "These can be signs of a stroke; note the time they started."),
            Map.entry(EmergencyCategory.BREATHING, "Trouble breathing is an emergency."),
            Map.entry(EmergencyCategory.SERIOUS_BLEEDING, "Bleeding like this, or a hit to the head, needs care now, above "
                    + "all on a blood thinner."),
            Map.entry(EmergencyCategory.SEIZURE_UNCONSCIOUS, "A seizure, fainting, or someone who does not respond needs "
                    + "help now."),
            Map.entry(EmergencyCategory.SEVERE_SKIN_REACTION, "Blistering or peeling skin, or sores in the mouth or eyes, "
                    + "can be a severe reaction to a medicine."),
            Map.entry(EmergencyCategory.DRUG_INDUCED, "These symptoms can be a serious reaction to a medicine, such as "
                    + "very low blood sugar or serotonin syndrome."),
            Map.entry(EmergencyCategory.GENERAL_EMERGENCY, "This may be a medical emergency.")));

    private static final Map<EmergencyCategory, String> QUESTIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(EmergencyCategory.SUICIDE_SELF_HARM, "I want to make sure you're safe. Are you thinking about "
                    + "hurting yourself or ending your life?"),
            Map.entry(EmergencyCategory.OVERDOSE_POISONING, "I want to make sure everyone is safe. Has someone taken more "
                    + "medicine than prescribed, or someone else's medicine?"),
            Map.entry(EmergencyCategory.ANAPHYLAXIS, "I want to make sure you're safe. Is there swelling of the lips, "
                    + "tongue or throat, or trouble breathing right now?"),
            Map.entry(EmergencyCategory.HEART_ATTACK, "I want to make sure you're safe. Is there chest pain, pressure or "
                    + "tightness right now?"),
            Map.entry(EmergencyCategory.STROKE, "I want to make sure you're safe. Is there sudden weakness or numbness on "
                    + "one side, a drooping face, slurred speech or loss of vision right now?"),
            Map.entry(EmergencyCategory.BREATHING, "I want to make sure you're safe. Is anyone having trouble breathing "
                    + "right now?"),
            Map.entry(EmergencyCategory.SERIOUS_BLEEDING, "I want to make sure you're safe. Is anyone on a blood thinner, "
                    + "or is there bleeding that won't stop, confusion, vomiting or a bad headache?"),
            Map.entry(EmergencyCategory.SEIZURE_UNCONSCIOUS, "I want to make sure everyone is safe. Has anyone fainted, "
                    + "had a seizure, or stopped responding?"),
            Map.entry(EmergencyCategory.SEVERE_SKIN_REACTION, "I want to make sure you're safe. Is the skin blistering or "
                    + "peeling, or are there sores in the mouth or eyes?"),
            Map.entry(EmergencyCategory.DRUG_INDUCED, "I want to make sure you're safe. Is anyone confused, shaking, "
                    + "sweating heavily or about to pass out right now?"),
            Map.entry(EmergencyCategory.GENERAL_EMERGENCY, "I want to make sure you're safe. Is this an emergency "
                    + "happening right now?")));

    private SafetyReplies() {
    }

    public static String of(Screening screening) {
        EmergencyCategory first = screening.primary();
        boolean spanish = screening.spanish();
        if (screening.level() == ScreenLevel.UNCERTAIN) {
            return uncertain(screening, first, spanish);
        }
        StringBuilder reply = new StringBuilder();
        if (spanish) {
            reply.append(first == EmergencyCategory.SUICIDE_SELF_HARM ? "Siento mucho que estés pasando por esto."
                    : "Esto puede ser una emergencia.");
        } else {
            reply.append(LEADS.get(first));
        }
        reply.append(numbers(screening, spanish));
        reply.append(spanish ? ALERTED_ES : ALERTED);
        return reply.toString();
    }

    private static String uncertain(Screening screening, EmergencyCategory first, boolean spanish) {
        String question = spanish ? (first == EmergencyCategory.SUICIDE_SELF_HARM
                ? "Quiero asegurarme de que estés a salvo. ¿Estás pensando en hacerte daño o en quitarte la vida?"
                : "Quiero asegurarme de que estés a salvo. ¿Es una emergencia que está pasando ahora?")
                : QUESTIONS.get(first);
        String ifSo = spanish ? " Si es así:" : " If so:";
        String asked = spanish ? " Le pedí a un farmacéutico que revise tu mensaje de inmediato y te responda aquí."
                : " I've asked a pharmacist to look at your message right away and answer you here.";
        // unsure what is happening, the patient also hears of 988 whatever the nearest category
        String crisis = screening.suicideRisk() || screening.categories().contains(EmergencyCategory.OVERDOSE_POISONING)
                ? "" : spanish ? " Si tienes pensamientos de hacerte daño, llama o envía un mensaje al 988."
                : " If you are having thoughts of harming yourself, call or text 988.";
        return question + ifSo + numbers(screening, spanish) + crisis + asked;
    }

    /** The numbers to call: 988 for any risk of suicide, Poison Control for too much medicine, 911 otherwise. */
    private static String numbers(Screening screening, boolean spanish) {
        StringBuilder out = new StringBuilder();
        if (screening.suicideRisk()) {
            out.append(spanish ? CRISIS_ES : CRISIS);
        }
        if (screening.categories().contains(EmergencyCategory.OVERDOSE_POISONING)) {
            out.append(spanish ? POISON_ES : POISON);
        }
        boolean other = screening.categories().stream().anyMatch(c -> c.number() == EmergencyCategory.Number.EMERGENCY);
        if (other || out.length() == 0) {
            out.append(spanish ? CALL_911_ES : CALL_911);
        }
        return out.toString();
    }
}
