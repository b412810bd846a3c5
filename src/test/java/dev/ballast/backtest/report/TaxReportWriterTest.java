package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.backtest.tax.LotBook;
import dev.ballast.backtest.tax.LotSelection;
import dev.ballast.backtest.tax.TaxRates;
import dev.ballast.backtest.tax.TaxRules;
import dev.ballast.backtest.tax.TaxYear;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxReportWriterTest {
    private static final long T0 = 1_704_067_200L; // 2024-01-01
    private static final long DAY = TaxRules.DAY_SECONDS;

    @Test
    void disposalsAndYearsAsCsvAndTable() throws Exception {
        LotBook b = new LotBook(TaxRules.defaults(), new TaxRates(0.4, 0.2));
        b.buy("ETH", 10, 100, T0);
        b.sell("ETH", 4, 80, T0 + 10 * DAY, LotSelection.FIFO); // -80 ST
        b.buy("ETH", 2, 80, T0 + 20 * DAY); // washes 2 units: 40 disallowed
        b.sell("ETH", 6, 150, T0 + 400 * DAY, LotSelection.FIFO); // 2025: 900 - 600 = +300 LT
        StringBuilder csv = new StringBuilder();
        TaxReportWriter.writeDisposals(b.disposals(), csv);
        List<List<String>> rows = CsvJsonWriterTest.parseCsv(csv.toString());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1)).containsExactly("ETH", "1", "4.0", "2024-01-01", "2024-01-01", "2024-01-11", "SHORT",
                "320.0", "400.0", "-80.0", "40.0", "-40.0");
        assertThat(rows.get(2).subList(6, 10)).containsExactly("LONG", "900.0", "600.0", "300.0");

        List<TaxYear> years = TaxYear.of(b.disposals(), b.rates());
        StringBuilder y = new StringBuilder();
        TaxReportWriter.writeYears(years, y);
        List<List<String>> yr = CsvJsonWriterTest.parseCsv(y.toString());
        assertThat(yr.get(1).subList(0, 3)).containsExactly("2024", "-40.0", "0.0");
        // 2025: LT 300 less the 40 ST carried in (it offsets LT gain after netting) = 260 at 20% = 52.
        assertThat(Double.parseDouble(yr.get(2).get(9))).isEqualTo(52.0);
        assertThat(TaxReportWriter.renderYears(years)).contains("2025").contains("52");
        assertThat(TaxReportWriter.summary(years)).containsEntry("tax", 52.0).containsEntry("disallowed losses", 40.0)
                .containsEntry("realized LT", 300.0);
    }
}
