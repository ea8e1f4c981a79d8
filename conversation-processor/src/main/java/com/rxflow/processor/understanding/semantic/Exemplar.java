package com.rxflow.processor.understanding.semantic;

/**
 * A labelled example message from the tuning set.
 *
 * @param label  what the message is (an emergency category or NONE, or an intent)
 * @param detail a second label where the set has one (the medication meant), or null
 * @param tags   the wording traps it shows (third-person, typo, spanish, ...)
 * @param text   the message as the patient typed it
 */
public record Exemplar(String label, String detail, String tags, String text) {
}
