package com.rxflow.processor.understanding.safety;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What the conversation knows of the patient that changes how a message reads: a fall with a hit
 * to the head is an emergency for anyone on a blood thinner.
 *
 * @param onAnticoagulant whether the patient's own medication list has an anticoagulant
 */
public record ScreenContext(boolean onAnticoagulant) {

    public static final ScreenContext NONE = new ScreenContext(false);

    private static final List<String> ANTICOAGULANTS = List.of("anticoagulant", "apixaban", "eliquis", "warfarin",
            "rivaroxaban", "dabigatran", "edoxaban", "enoxaparin", "heparin");

    /**
     * The context of a patient whose medications are described by these words (names, generic names,
     * drug classes, any of them null).
     */
    public static ScreenContext ofMedications(Stream<String> descriptions) {
        return new ScreenContext(descriptions.filter(Objects::nonNull).map(d -> d.toLowerCase(Locale.ROOT))
                .anyMatch(d -> ANTICOAGULANTS.stream().anyMatch(d::contains)));
    }
}
