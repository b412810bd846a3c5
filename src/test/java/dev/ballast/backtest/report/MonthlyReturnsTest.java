package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Month and year returns of a NAV path, checked against hand-computed values. */
class MonthlyReturnsTest {
    private static long day(int y, int m, int d) {
        return LocalDate.of(y, m, d).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }

    @Test
    void monthsRunFromThePreviousMonthsLastBarAndGapsSpanIntoTheNextMonth() {
        // Dec 15 100, Dec 31 110 | Jan 31 99 | (no February bar) | Mar 3 118.8
        NavSeries path = new NavSeries("s", new long[] {day(2020, 12, 15), day(2020, 12, 31), day(2021, 1, 31),
                day(2021, 3, 3)}, new double[] {100, 110, 99, 118.8}, false);
        MonthlyReturns r = MonthlyReturns.of(path);
        assertThat(r.months().keySet()).containsExactly(YearMonth.of(2020, 12), YearMonth.of(2021, 1), YearMonth.of(2021, 3));
        assertThat(r.months().get(YearMonth.of(2020, 12))).isCloseTo(0.10, within(1e-15)); // from the first bar
        assertThat(r.months().get(YearMonth.of(2021, 1))).isCloseTo(-0.10, within(1e-15));
        assertThat(r.months().get(YearMonth.of(2021, 3))).isCloseTo(0.20, within(1e-15)); // spans February
        assertThat(r.year(2021)).isCloseTo(0.9 * 1.2 - 1, within(1e-15));
        assertThat(r.year(2019)).isNaN();
    }

    @Test
    void theHtmlTableHasACellPerMonthColouredBySign() {
        NavSeries path = new NavSeries("band 5%", new long[] {day(2021, 1, 1), day(2021, 1, 31), day(2021, 2, 28)},
                new double[] {100, 105, 94.5}, false);
        ReportData data = ReportData.builder("t").nav(path).build();
        String html = HtmlReportWriter.render(data, false);
        assertThat(html).contains("id=\"monthly-returns\"", "data-strategy=\"band 5%\"");
        assertThat(html).contains("data-month=\"2021-01\" data-return=\"0.050000000000000044\" style=\"background:hsl(130,45%,79%)\">+5.0%");
        assertThat(html).contains("data-month=\"2021-02\" data-return=\"-0.09999999999999998\" style=\"background:hsl(0,70%,62%)\">-10.0%");
        assertThat(html).contains("data-month=\"2021-03\"></td>"); // a month of the year without data: empty
        assertThat(List.of(html.split("data-month=\"2021-")).size() - 1).isEqualTo(12);
    }
}
