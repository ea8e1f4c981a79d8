package com.rxflow.processor.understanding.safety;

/** How sure the safety screen is that a message describes an emergency. */
public enum ScreenLevel {
    /** Nothing suggests an emergency: the message goes on to the interpreter. */
    CLEAR,
    /**
     * It may be an emergency: the patient is asked one direct safety question, with the number to
     * call if it is, and an URGENT case is opened. Never the menu.
     */
    UNCERTAIN,
    /** An emergency sign: the patient is told at once what to do and an URGENT case is opened. */
    EMERGENCY
}
