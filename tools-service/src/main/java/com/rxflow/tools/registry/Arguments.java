package com.rxflow.tools.registry;

import java.util.regex.Pattern;

/**
 * The input rules every tool applies to the values a patient's words end up in: the reference's
 * documented validator patterns (patient id, medication name, ZIP code) plus strengths and
 * quantities. A value that breaks them fails the call with {@link FailureCode#INVALID_ARGUMENTS}
 * naming the argument, before any data is read.
 */
public final class Arguments {

    public static final Pattern PATIENT_ID = Pattern.compile("^[A-Za-z0-9_]{1,20}$");
    public static final Pattern MEDICATION = Pattern.compile("^[A-Za-z0-9\\s\\-.]{1,100}$");
    public static final Pattern ZIP = Pattern.compile("^\\d{5}(-\\d{4})?$");
    /** A strength as people write it: 10mg, 10 mg, 0.5 MG, 5mg/325mg, 100 mcg. */
    public static final Pattern STRENGTH = Pattern.compile("^[0-9.][0-9A-Za-z\\s./,]{0,39}$");
    /** Ids of pharmacies and orders (and pharmacy names, which resolve to ids). */
    public static final Pattern REFERENCE = Pattern.compile("^[A-Za-z0-9\\s\\-_.#'&,]{1,100}$");

    private Arguments() {
    }

    public static String medication(String argument, String value) {
        return matching(argument, value, MEDICATION, "a medication name (letters, digits, spaces, '-' and '.', at most 100)");
    }

    public static String zip(String argument, String value) {
        return matching(argument, value, ZIP, "a ZIP code (12345 or 12345-6789)");
    }

    public static String strength(String argument, String value) {
        return matching(argument, value, STRENGTH, "a strength such as 10mg or 0.5 mg");
    }

    public static String reference(String argument, String value) {
        return matching(argument, value, REFERENCE, "an id or a name (at most 100 characters)");
    }

    public static int positive(String argument, int value, int max) {
        if (value < 1 || value > max) {
            throw invalid(argument, String.valueOf(value), "a number from 1 to " + max);
        }
        return value;
    }

    /** True for a null, empty or blank optional argument. */
    public static boolean absent(String value) {
        return value == null || value.isBlank();
    }

    private static String matching(String argument, String value, Pattern pattern, String expected) {
        if (value == null) {
            throw new ToolFailure(FailureCode.INVALID_ARGUMENTS, "argument '" + argument + "' is missing");
        }
        String stripped = value.strip();
        if (!pattern.matcher(stripped).matches()) {
            throw invalid(argument, value, expected);
        }
        return stripped;
    }

    private static ToolFailure invalid(String argument, String value, String expected) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return new ToolFailure(FailureCode.INVALID_ARGUMENTS,
                "argument '" + argument + "' is not " + expected + ": '" + shown + "'");
    }
}
