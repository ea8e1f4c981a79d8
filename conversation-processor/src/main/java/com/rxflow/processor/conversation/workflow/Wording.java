package com.rxflow.processor.conversation.workflow;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How the assistant words amounts, times, lists and sources, in one place so replies read alike. */
public final class Wording {

    public static final String DISCLOSURE = "I am a digital assistant, not a pharmacist";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a 'on' MMM d", Locale.US);

    private Wording() {
    }

    public static String money(BigDecimal amount) {
        return amount == null ? null : "$" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public static String money(String decimal) {
        return decimal == null ? null : money(new BigDecimal(decimal));
    }

    public static String decimal(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public static String time(Instant at, ZoneId zone) {
        return TIME.format(at.atZone(zone));
    }

    public static String capitalised(String word) {
        return word == null || word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /** "a", "a or b", "a, b or c". */
    public static String either(List<String> items) {
        return join(items, " or ");
    }

    /** "a", "a and b", "a, b and c". */
    public static String both(List<String> items) {
        return join(items, " and ");
    }

    private static String join(List<String> items, String last) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }

    /** The closing line that names where the facts in a reply came from. */
    public static String sources(List<String> sources) {
        return sources.isEmpty() ? "" : " (Source: " + String.join("; ", sources.stream().distinct().toList()) + ".)";
    }
}
