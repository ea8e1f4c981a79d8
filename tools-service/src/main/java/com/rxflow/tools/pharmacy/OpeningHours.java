package com.rxflow.tools.pharmacy;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pharmacy's weekly opening hours, read from the data's day ranges ({@code "Mon-Fri":
 * "08:00-22:00"}, {@code "Sat": "09:30-18:00"}, {@code "Mon-Sun": "06:00-24:00"}), in the
 * pharmacy's own time zone. "Open now" is asked with the tool's clock, never the system's.
 */
public final class OpeningHours {

    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private final Map<DayOfWeek, Interval> byDay;

    private OpeningHours(Map<DayOfWeek, Interval> byDay) {
        this.byDay = byDay;
    }

    /** @throws IllegalArgumentException naming the entry that is not a day range and times */
    public static OpeningHours parse(Map<String, String> hours) {
        Map<DayOfWeek, Interval> byDay = new EnumMap<>(DayOfWeek.class);
        hours.forEach((days, times) -> {
            Interval interval = Interval.parse(days, times);
            for (DayOfWeek day : days(days)) {
                if (byDay.put(day, interval) != null) {
                    throw new IllegalArgumentException("'" + days + "' gives " + day + " hours twice");
                }
            }
        });
        return new OpeningHours(byDay);
    }

    public boolean isOpen(ZonedDateTime at) {
        Interval today = byDay.get(at.getDayOfWeek());
        LocalTime time = at.toLocalTime();
        return today != null && !time.isBefore(today.opens) && (today.untilMidnight || time.isBefore(today.closes));
    }

    /** Today's hours as a patient reads them, for example {@code 8:00 AM - 10:00 PM}, or {@code Closed}. */
    public String describe(DayOfWeek day) {
        return Optional.ofNullable(byDay.get(day)).map(Interval::toString).orElse("Closed");
    }

    private static List<DayOfWeek> days(String range) {
        String[] ends = range.strip().toLowerCase(Locale.ROOT).split("-");
        int from = index(ends[0], range);
        int to = ends.length == 1 ? from : index(ends[1], range);
        if (ends.length > 2 || to < from) {
            throw new IllegalArgumentException("'" + range + "' is not a day range such as Mon-Fri");
        }
        return DAYS.subList(from, to + 1).stream().map(d -> DayOfWeek.of(DAYS.indexOf(d) + 1)).toList();
    }

    private static int index(String day, String range) {
        int index = DAYS.indexOf(day.strip());
        if (index < 0) {
            throw new IllegalArgumentException("'" + range + "' is not a day range such as Mon-Fri");
        }
        return index;
    }

    private record Interval(LocalTime opens, LocalTime closes, boolean untilMidnight) {

        static Interval parse(String days, String times) {
            String[] ends = times.strip().split("-");
            try {
                LocalTime opens = LocalTime.parse(ends[0].strip());
                boolean midnight = ends[1].strip().equals("24:00");
                LocalTime closes = midnight ? LocalTime.MAX : LocalTime.parse(ends[1].strip());
                if (ends.length != 2 || !closes.isAfter(opens)) {
                    throw new IllegalArgumentException("closes before it opens");
                }
                return new Interval(opens, closes, midnight);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + days + "': '" + times + "' is not opening and closing times such as 08:00-22:00");
            }
        }

        @Override
        public String toString() {
            if (untilMidnight && opens.equals(LocalTime.MIDNIGHT)) {
                return "Open 24 hours";
            }
            return opens.format(SHOWN) + " - " + (untilMidnight ? "12:00 AM" : closes.format(SHOWN));
        }
    }
}
