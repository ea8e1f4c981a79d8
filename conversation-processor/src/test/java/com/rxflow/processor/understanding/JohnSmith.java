package com.rxflow.processor.understanding;

import java.util.List;

import com.rxflow.processor.understanding.InterpretationContext.KnownMedication;

/**
 * The patient the intent messages are written as: patient_001 of the bundled data, his seven
 * medications with the brands, conditions and classes the tools report for them.
 */
public final class JohnSmith {

    private JohnSmith() {
    }

    public static InterpretationContext context() {
        return new InterpretationContext(List.of(
                new KnownMedication("lisinopril", "lisinopril", List.of("Prinivil", "Zestril"), "hypertension",
                        "ACE inhibitor"),
                new KnownMedication("metformin", "metformin", List.of("Glucophage", "Fortamet", "Glumetza"),
                        "type 2 diabetes", "Biguanide"),
                new KnownMedication("methocarbamol", "methocarbamol", List.of("Robaxin"), "muscle spasms",
                        "Skeletal muscle relaxant"),
                new KnownMedication("meloxicam", "meloxicam", List.of("Mobic"), "osteoarthritis pain",
                        "NSAID (COX-2 selective)"),
                new KnownMedication("omeprazole", "omeprazole", List.of("Prilosec", "Prilosec OTC"),
                        "gastroesophageal reflux disease", "Proton pump inhibitor (PPI)"),
                new KnownMedication("famotidine", "famotidine", List.of("Pepcid", "Pepcid AC"), "heartburn",
                        "H2 receptor antagonist"),
                new KnownMedication("lorazepam", "lorazepam", List.of("Ativan"), "anxiety", "Benzodiazepine")),
                List.of());
    }
}
