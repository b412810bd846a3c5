package dev.ballast.backtest.report.chart;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Tick marks on calendar boundaries (hours, days, months or years) for a time axis in epoch seconds. */
final class TimeTicks {
    record Tick(long at, String label) {
    }

    private record Step(ChronoUnit unit, int amount, String pattern) {
    }

    private static final List<Step> STEPS = List.of(
            new Step(ChronoUnit.HOURS, 1, "MM-dd HH:mm"), new Step(ChronoUnit.HOURS, 6, "MM-dd HH:mm"),
            new Step(ChronoUnit.DAYS, 1, "yyyy-MM-dd"), new Step(ChronoUnit.DAYS, 7, "yyyy-MM-dd"),
            new Step(ChronoUnit.MONTHS, 1, "yyyy-MM"), new Step(ChronoUnit.MONTHS, 3, "yyyy-MM"),
            new Step(ChronoUnit.MONTHS, 6, "yyyy-MM"), new Step(ChronoUnit.YEARS, 1, "yyyy"),
            new Step(ChronoUnit.YEARS, 2, "yyyy"), new Step(ChronoUnit.YEARS, 5, "yyyy"),
            new Step(ChronoUnit.YEARS, 10, "yyyy"));

    private TimeTicks() {
    }

    static List<Tick> between(long from, long to, int maxTicks) {
        for (Step s : STEPS) {
            List<Tick> ticks = generate(from, to, s);
            if (ticks.size() <= maxTicks) {
                return ticks;
            }
        }
        return generate(from, to, STEPS.getLast());
    }

    private static List<Tick> generate(long from, long to, Step s) {
        DateTimeFormatter fmt = DateTimeFormatter.ofPattern(s.pattern());
        List<Tick> out = new ArrayList<>();
        LocalDateTime t = start(LocalDateTime.ofEpochSecond(from, 0, ZoneOffset.UTC), s);
        for (int guard = 0; guard < 10_000; guard++) {
            long at = t.toEpochSecond(ZoneOffset.UTC);
            if (at > to) {
                break;
            }
            if (at >= from) {
                out.add(new Tick(at, fmt.format(t)));
            }
            t = t.plus(s.amount(), s.unit());
        }
        return out;
    }

    /** First boundary of the step's unit at or before {@code t}, aligned to multiples of the amount. */
    private static LocalDateTime start(LocalDateTime t, Step s) {
        LocalDate d = t.toLocalDate();
        return switch (s.unit()) {
            case HOURS -> t.truncatedTo(ChronoUnit.HOURS).withHour(t.getHour() / s.amount() * s.amount());
            case DAYS -> d.atStartOfDay();
            case MONTHS -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / s.amount() * s.amount() + 1, 1)
                    .atStartOfDay();
            default -> LocalDate.of(Math.floorDiv(d.getYear(), s.amount()) * s.amount(), 1, 1).atStartOfDay();
        };
    }

    static String date(long epochSeconds) {
        return Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }
}
