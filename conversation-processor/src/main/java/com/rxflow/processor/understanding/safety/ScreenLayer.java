package com.rxflow.processor.understanding.safety;

/** Which layer of the safety screen decided. */
public enum ScreenLayer {
    /** The rules over the normalised words, which decide most messages in microseconds. */
    LEXICAL,
    /** The comparison with labelled exemplars, for messages whose words the rules cannot settle. */
    SEMANTIC,
    /** The rules together with what the conversation knows of the patient (a blood thinner). */
    CONTEXT
}
