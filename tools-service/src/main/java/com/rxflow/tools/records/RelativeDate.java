package com.rxflow.tools.records;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A date in the bundled data: either a calendar date ({@code 2023-01-15}) or a number of days
 * relative to today ({@code -28d}, {@code +365d}, {@code today}). Relative dates keep the demo
 * scenarios true whatever day the service runs (omeprazole is always due, famotidine always
 * early); they are resolved against the injected clock at every use, so a service that runs
 * past midnight moves on with the calendar.
 */
public final class RelativeDate {

    private static final Pattern OFFSET = Pattern.compile("^([+-]\\d{1,5})d$");

    private final LocalDate absolute;
    private final int offsetDays;
    private final String text;

    private RelativeDate(LocalDate absolute, int offsetDays, String text) {
        this.absolute = absolute;
        this.offsetDays = offsetDays;
        this.text = text;
    }

    /** @throws IllegalArgumentException for text that is neither a date nor an offset */
    @JsonCreator
    public static RelativeDate parse(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        if (trimmed.equals("today")) {
            return new RelativeDate(null, 0, trimmed);
        }
        Matcher offset = OFFSET.matcher(trimmed);
        if (offset.matches()) {
            return new RelativeDate(null, Integer.parseInt(offset.group(1)), trimmed);
        }
        try {
            return new RelativeDate(LocalDate.parse(trimmed), 0, trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a date (2024-01-31) nor days from today (-28d, +365d, today)");
        }
    }

    public static RelativeDate of(LocalDate date) {
        return new RelativeDate(date, 0, date.toString());
    }

    public static RelativeDate daysFromToday(int days) {
        return new RelativeDate(null, days, (days >= 0 ? "+" : "") + days + "d");
    }

    /** The calendar date this stands for when today is {@code today}. */
    public LocalDate on(LocalDate today) {
        return absolute != null ? absolute : today.plusDays(offsetDays);
    }

    @JsonValue
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelativeDate date && date.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
