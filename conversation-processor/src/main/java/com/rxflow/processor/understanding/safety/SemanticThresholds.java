package com.rxflow.processor.understanding.safety;

/**
 * Where the semantic layer draws its lines, chosen on the tuning set only (leave-one-out, see
 * docs/understanding.md): a message whose nearest emergency exemplars are at least {@code
 * emergency} similar, and nearer than the nearest harmless ones by {@code emergencyMargin}, is an
 * emergency; down to {@code uncertain} and {@code uncertainMargin} it is uncertain; below, clear.
 * A risk of suicide is written so indirectly that its nearest exemplars are rarely far ahead of the
 * harmless ones: for it the safety question is asked from {@code suicideMargin}.
 */
public record SemanticThresholds(double emergency, double emergencyMargin, double uncertain, double uncertainMargin,
        double suicideMargin) {

    /** The values tuned on the bundled tuning set. */
    public static final SemanticThresholds TUNED = new SemanticThresholds(0.40, 0.06, 0.30, 0.04, 0.02);
}
