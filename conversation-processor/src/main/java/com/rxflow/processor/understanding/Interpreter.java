package com.rxflow.processor.understanding;

/**
 * The understanding port: turns a patient's words into intents and entities. The offline default
 * ({@link DeterministicInterpreter}) runs on the stream thread; an LLM interpreter would be a tool
 * invoked through tools-service whose result comes back as an event, never a call from here.
 * Emergencies are not this port's business: the workflow's red-flag gate runs before any
 * interpreter and nothing an interpreter says can override it.
 */
public interface Interpreter {

    /** Must be deterministic, side-effect free and fast: it runs once per message on the stream thread. */
    Interpretation interpret(String text, InterpretationContext context);
}
