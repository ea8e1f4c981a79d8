package com.rxflow.schemas.tool;

/**
 * Whether running a tool changes anything outside the answer it gives. A tool that does must not
 * run after its caller stopped waiting (the patient may have been told it failed), so an expired
 * command of such a tool is refused; a read changes nothing and may still answer.
 */
public enum ToolEffect {

    /** Reads data and answers; running it late, or twice, changes nothing. */
    READ_ONLY,
    /** Changes a record others act on: an order placed or cancelled, a renewal sent to a prescriber. */
    SIDE_EFFECT;

    public boolean hasSideEffects() {
        return this == SIDE_EFFECT;
    }
}
