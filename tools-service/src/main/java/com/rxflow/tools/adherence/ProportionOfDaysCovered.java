package com.rxflow.tools.adherence;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import com.rxflow.tools.patient.Fill;

/**
 * Proportion of days covered (PDC), the Pharmacy Quality Alliance's adherence measure, over the
 * last 365 days from the fill history.
 *
 * <ul>
 *   <li>The period ends today and starts 364 days earlier, or at the first fill in that window when
 *       the patient started later (PQA's index date), so a new patient is not penalised for days
 *       before the first prescription.</li>
 *   <li>Each fill covers its days supply from its date. When it is filled before the previous
 *       supply ran out, its coverage is shifted forward to start the day after (PQA overlap rule),
 *       so an early refill never counts a day twice.</li>
 *   <li>Days after today do not count.</li>
 * </ul>
 */
public final class ProportionOfDaysCovered {

    public static final int PERIOD_DAYS = 365;

    private ProportionOfDaysCovered() {
    }

    public static Result of(List<Fill> fills, LocalDate today) {
        LocalDate windowStart = today.minusDays(PERIOD_DAYS - 1);
        List<Dated> dated = fills.stream().map(fill -> new Dated(fill.date().on(today), fill.daysSupply()))
                .filter(fill -> !fill.date.isAfter(today))
                .sorted(Comparator.comparing(Dated::date))
                .toList();
        List<Dated> inWindow = dated.stream().filter(fill -> !fill.date.isBefore(windowStart)).toList();
        if (inWindow.isEmpty() && dated.stream().noneMatch(fill -> covers(fill, windowStart))) {
            return new Result(0, PERIOD_DAYS, 0, 0);
        }
        LocalDate start = dated.stream().anyMatch(fill -> fill.date.isBefore(windowStart)) ? windowStart
                : inWindow.get(0).date;
        LocalDate coveredUntil = null; // exclusive end of the coverage so far
        long covered = 0;
        for (Dated fill : dated) {
            LocalDate from = coveredUntil != null && coveredUntil.isAfter(fill.date) ? coveredUntil : fill.date;
            LocalDate until = from.plusDays(fill.daysSupply);
            LocalDate countFrom = from.isBefore(start) ? start : from;
            LocalDate countUntil = until.isAfter(today.plusDays(1)) ? today.plusDays(1) : until;
            if (countUntil.isAfter(countFrom)) {
                covered += ChronoUnit.DAYS.between(countFrom, countUntil);
            }
            coveredUntil = until;
        }
        int period = (int) ChronoUnit.DAYS.between(start, today) + 1;
        return new Result((double) covered / period, period, (int) covered, inWindow.size());
    }

    private static boolean covers(Dated fill, LocalDate day) {
        return !fill.date.isAfter(day) && fill.date.plusDays(fill.daysSupply).isAfter(day);
    }

    private record Dated(LocalDate date, int daysSupply) {
    }

    /**
     * @param pdc         proportion of days covered, 0 to 1
     * @param periodDays  days in the measurement period
     * @param daysCovered days covered in it
     * @param fills       fills dated in it
     */
    public record Result(double pdc, int periodDays, int daysCovered, int fills) {

        /** PDC as a whole-number score, 0 to 100. */
        public int score() {
            return (int) Math.round(pdc * 100);
        }

        public AdherenceLevel level() {
            return AdherenceLevel.of(score());
        }
    }
}
