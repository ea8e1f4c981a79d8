package com.rxflow.processor.understanding;

/**
 * Which pharmacy the patient picked from a list the assistant showed.
 *
 * @param kind  INDEX ("2", "the second"), NAME ("the Walmart"), CLOSEST or CHEAPEST
 * @param index 1-based position for INDEX
 * @param name  the name words for NAME, lower case
 */
public record PharmacyChoice(String kind, int index, String name) {

    public static PharmacyChoice index(int index) {
        return new PharmacyChoice("INDEX", index, null);
    }

    public static PharmacyChoice named(String name) {
        return new PharmacyChoice("NAME", 0, name);
    }

    public static PharmacyChoice closest() {
        return new PharmacyChoice("CLOSEST", 0, null);
    }

    public static PharmacyChoice cheapest() {
        return new PharmacyChoice("CHEAPEST", 0, null);
    }
}
