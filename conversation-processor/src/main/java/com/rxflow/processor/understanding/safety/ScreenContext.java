package com.rxflow.processor.understanding.safety;

/**
 * What the conversation knows of the patient that changes how a message reads: a fall with a hit
 * to the head is an emergency for anyone on a blood thinner.
 *
 * @param onAnticoagulant whether the patient's own medication list has an anticoagulant
 */
public record ScreenContext(boolean onAnticoagulant) {

    public static final ScreenContext NONE = new ScreenContext(false);
}
