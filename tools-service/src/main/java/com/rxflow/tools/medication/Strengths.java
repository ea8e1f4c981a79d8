package com.rxflow.tools.medication;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Strengths as people write them ("10 mg", "10MG", ".5 mg", "10.0 mg", "5 mg / 325 mg") reduced
 * to one form ({@code 10mg}, {@code 0.5mg}, {@code 5mg/325mg}) so a stated strength can be
 * compared with the catalogue's.
 */
public final class Strengths {

    private static final Pattern PART = Pattern.compile("^(\\d*\\.?\\d+)\\s*([a-z]+(?:/[a-z]+)?)?$");

    private Strengths() {
    }

    /** The normalised form, or the input lower-cased without spaces when it is not a strength. */
    public static String normalize(String strength) {
        String lower = strength.strip().toLowerCase(Locale.ROOT)
                .replace("milligrams", "mg").replace("milligram", "mg")
                .replace("micrograms", "mcg").replace("microgram", "mcg")
                .replace("units", "unit");
        return Stream.of(lower.split("/")).map(Strengths::part).collect(Collectors.joining("/"));
    }

    private static String part(String part) {
        String squeezed = part.replaceAll("\\s+", "");
        Matcher matcher = PART.matcher(squeezed);
        if (!matcher.matches()) {
            return squeezed;
        }
        String number = new BigDecimal(matcher.group(1)).stripTrailingZeros().toPlainString();
        return number + (matcher.group(2) == null ? "" : matcher.group(2));
    }
}
