package dev.ballast.backtest.report;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value path's return per calendar month (UTC): the NAV on the month's last bar over the NAV on the previous
 * month's last bar, minus one; the first month is measured from the first bar. Months without a bar have no return
 * (the next month's return then spans the gap). A year's return compounds its months.
 *
 * @param strategy the path's name
 * @param months   return per month, in calendar order, only months with a bar
 */
public record MonthlyReturns(String strategy, Map<YearMonth, Double> months) {
    public MonthlyReturns {
        months = Collections.unmodifiableMap(new LinkedHashMap<>(months));
    }

    public static MonthlyReturns of(NavSeries path) {
        long[] ts = path.timestamps();
        double[] nav = path.nav();
        Map<YearMonth, Double> out = new LinkedHashMap<>();
        double base = nav.length == 0 ? Double.NaN : nav[0];
        for (int t = 0; t < ts.length; t++) {
            YearMonth m = month(ts[t]);
            boolean lastOfMonth = t == ts.length - 1 || !month(ts[t + 1]).equals(m);
            if (lastOfMonth) {
                out.put(m, nav[t] / base - 1);
                base = nav[t];
            }
        }
        return new MonthlyReturns(path.name(), out);
    }

    /** The compounded return of the year's months that have a return; NaN when none has. */
    public double year(int year) {
        double growth = 1;
        boolean any = false;
        for (Map.Entry<YearMonth, Double> e : months.entrySet()) {
            if (e.getKey().getYear() != year) continue;
            growth *= 1 + e.getValue();
            any = true;
        }
        return any ? growth - 1 : Double.NaN;
    }

    static YearMonth month(long epochSeconds) {
        return YearMonth.from(Instant.ofEpochSecond(epochSeconds).atZone(ZoneOffset.UTC));
    }
}
