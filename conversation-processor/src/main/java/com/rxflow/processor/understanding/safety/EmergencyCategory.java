package com.rxflow.processor.understanding.safety;

/**
 * What kind of emergency a message may describe. The order is the order of precedence when a
 * message shows several (someone who took too many pills to end their life is told about 988
 * first). The names are the reason codes of the URGENT case a pharmacist sees.
 */
public enum EmergencyCategory {
    /** Suicide and self-harm: 988, and 911 when danger is immediate. */
    SUICIDE_SELF_HARM(Number.CRISIS_LINE),
    /** Too much medicine, someone else's, a child who swallowed some, sedatives with alcohol: Poison Control. */
    OVERDOSE_POISONING(Number.POISON_CONTROL),
    /** Swelling of the lips, tongue or throat, hives with wheezing: 911. */
    ANAPHYLAXIS(Number.EMERGENCY),
    /** Chest pain, pressure or tightness: 911. */
    HEART_ATTACK(Number.EMERGENCY),
    /** BE-FAST signs and a sudden thunderclap headache: 911. */
    STROKE(Number.EMERGENCY),
    /** Not able to breathe or speak in sentences, blue lips: 911. */
    BREATHING(Number.EMERGENCY),
    /** Vomiting blood, black stools, bleeding that will not stop, a hit to the head on a blood thinner: 911. */
    SERIOUS_BLEEDING(Number.EMERGENCY),
    /** A seizure, fainting, someone who does not respond: 911. */
    SEIZURE_UNCONSCIOUS(Number.EMERGENCY),
    /** Blistering or peeling skin, sores in the mouth or eyes (SJS/TEN): 911. */
    SEVERE_SKIN_REACTION(Number.EMERGENCY),
    /** Serotonin syndrome, severe low blood sugar, lithium or digoxin toxicity: 911. */
    DRUG_INDUCED(Number.EMERGENCY),
    /** A call for emergency help that names no sign of its own ("call an ambulance"): 911. */
    GENERAL_EMERGENCY(Number.EMERGENCY);

    /** The number the patient is given first. */
    public enum Number {
        /** 988, the Suicide & Crisis Lifeline. */
        CRISIS_LINE,
        /** Poison Control, 1-800-222-1222. */
        POISON_CONTROL,
        /** 911. */
        EMERGENCY
    }

    private final Number number;

    EmergencyCategory(Number number) {
        this.number = number;
    }

    public Number number() {
        return number;
    }
}
