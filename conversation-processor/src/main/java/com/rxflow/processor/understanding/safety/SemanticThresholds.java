package com.rxflow.processor.understanding.safety;

/**
 * Where the semantic layer draws its lines, chosen on the tuning set only (ten-fold
 * cross-validation for the risk model, leave-one-out for the nearest exemplars; see
 * docs/understanding.md and {@code SafetyTuning}).
 *
 * <ul>
 *   <li>A message's emergency score is the risk model's emergency score plus {@code neighbourWeight}
 *       times the margin of its nearest emergency exemplars over its nearest harmless ones. At
 *       {@code alarm} or above the message alarms.</li>
 *   <li>It is told at once (an emergency, not a question) when it also has nearest emergency
 *       exemplars at least {@code emergency} similar and ahead of the harmless ones by
 *       {@code emergencyMargin}; otherwise the patient is asked one safety question.</li>
 *   <li>A risk of suicide is written so indirectly that it gets a line of its own: a suicide score of
 *       {@code suicide} or above asks about it even when the emergency score stays low, and from
 *       {@code suicideReply} an alarm of any kind also gives 988.</li>
 *   <li>A message that names an emergency ("overdose", "a seizure", "poison control") alarms from
 *       the lower line {@code topic}: only a message the risk model and the exemplars both find
 *       clearly harmless ("poison control said it was fine", "my dog has seizures") is clear.</li>
 * </ul>
 */
public record SemanticThresholds(double emergency, double emergencyMargin, double neighbourWeight, double alarm,
        double suicide, double suicideReply, double topic) {

    /** The values tuned on the bundled tuning set. */
    public static final SemanticThresholds TUNED = new SemanticThresholds(0.40, 0.06, 6.0, -0.05, 0.0, -0.6, -0.9);
}
