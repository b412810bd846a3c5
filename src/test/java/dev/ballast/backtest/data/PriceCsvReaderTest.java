package dev.ballast.backtest.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceCsvReaderTest {
    /** 2024-01-01, a Monday, at 00:00 UTC. */
    private static final long JAN1 = 1_704_067_200L;
    private static final long DAY = 86_400L;

    private static LoadedPrices read(String csv) {
        return new PriceCsvReader().read(new StringReader(csv), "t.csv");
    }

    private static String error(String csv) {
        try {
            read(csv);
        } catch (PriceDataException e) {
            return e.getMessage();
        }
        throw new AssertionError("no PriceDataException for:\n" + csv);
    }

    @Test
    void readsDatedRowsAsUtcMidnight() {
        LoadedPrices p = read("date,DAX,FTSE\n2024-01-01,100.5,200\n2024-01-02,101,201.25\n");
        PriceSeries s = p.series();
        assertThat(s.assets()).containsExactly("DAX", "FTSE");
        assertThat(s.timestamps()).containsExactly(JAN1, JAN1 + DAY);
        assertThat(s.prices()[1]).containsExactly(101, 201.25);
        assertThat(p.report().isClean()).isTrue();
        assertThat(p.report().summary()).isEqualTo("t.csv: 2 rows, 0 filled cells, 0 dropped rows, 0 gaps");
    }

    @Test
    void readsEpochSecondsAndIsoDateTimesInAnyColumnPosition() {
        PriceSeries s = read("ETH,timestamp\n3000,1704067200\n3010,1704070800\n").series();
        assertThat(s.assets()).containsExactly("ETH");
        assertThat(s.timestamps()).containsExactly(JAN1, JAN1 + 3600);
        PriceSeries iso = read("time,ETH\n2024-01-01T00:00:00Z,1\n2024-01-01T02:00:00+01:00,2\n2024-01-01T01:30:00,3\n"
                + "2024-01-01 02:00:00,4\n").series();
        assertThat(iso.timestamps()).containsExactly(JAN1, JAN1 + 3600, JAN1 + 5400, JAN1 + 7200);
    }

    @Test
    void acceptsQuotedHeadersBomCommentsAndBlankLines() {
        String csv = "\uFEFF# exported by R\n\"date\",\"DAX\",\"S,MI\"\n\n2024-01-01,1,2\n  # note\n2024-01-02,3,\"4\"\n";
        PriceSeries s = read(csv).series();
        assertThat(s.assets()).containsExactly("DAX", "S,MI");
        assertThat(s.column(1)).containsExactly(2, 4);
    }

    @Test
    void forwardFillsMissingCellsAndReportsEachOne() {
        LoadedPrices p = read("date,A,B\n2024-01-01,1,10\n2024-01-02,,11\n2024-01-03,NA,12\n2024-01-04,4,NaN\n");
        assertThat(p.series().column(0)).containsExactly(1, 1, 1, 4);
        assertThat(p.series().column(1)).containsExactly(10, 11, 12, 12);
        assertThat(p.report().filledCells()).containsExactly(
                new LoadReport.FilledCell(3, JAN1 + DAY, "A", 1, 2),
                new LoadReport.FilledCell(4, JAN1 + 2 * DAY, "A", 1, 2),
                new LoadReport.FilledCell(5, JAN1 + 3 * DAY, "B", 12, 4));
    }

    @Test
    void dropsRowsBeforeEveryAssetHasAPriceAndRowsWithNoPrices() {
        LoadedPrices p = read("date,A,B\n2024-01-01,1,\n2024-01-02,2,\n2024-01-03,,\n2024-01-04,,5\n2024-01-05,6,7\n");
        assertThat(p.series().timestamps()).containsExactly(JAN1 + 3 * DAY, JAN1 + 4 * DAY);
        // A's last price (line 3) is carried into the first kept row even though line 3 itself was dropped.
        assertThat(p.series().column(0)).containsExactly(2, 6);
        assertThat(p.report().droppedRows()).extracting(LoadReport.DroppedRow::line, LoadReport.DroppedRow::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "before the first price of 'B'"),
                        org.assertj.core.groups.Tuple.tuple(3, "before the first price of 'B'"),
                        org.assertj.core.groups.Tuple.tuple(4, "no prices (non-trading day)"));
        assertThat(p.report().rowsRead()).isEqualTo(5);
        assertThat(p.report().rowsKept()).isEqualTo(2);
    }

    @Test
    void rejectsStaleSeriesBeyondTheFillLimit() {
        String csv = "date,A,B\n2024-01-01,1,1\n2024-01-02,,2\n2024-01-03,,3\n2024-01-04,,4\n";
        assertThat(new PriceCsvReader(3).read(new StringReader(csv), "t.csv").series().column(0))
                .containsExactly(1, 1, 1, 1);
        assertThatThrownBy(() -> new PriceCsvReader(2).read(new StringReader(csv), "t.csv"))
                .isInstanceOf(PriceDataException.class)
                .hasMessageStartingWith("t.csv line 5: column 'A': missing on more than 2 consecutive rows since line 2")
                .extracting(e -> ((PriceDataException) e).line()).isEqualTo(5);
    }

    @Test
    void reportsWeekdayGapsButNotWeekends() {
        // Fri 5th -> Mon 8th is a weekend (no gap); Mon 8th -> Thu 11th skips Tue and Wed (2 missing weekdays).
        LoadReport r = read("date,A\n2024-01-05,1\n2024-01-08,2\n2024-01-11,3\n").report();
        assertThat(r.gaps()).containsExactly(new LoadReport.Gap(JAN1 + 7 * DAY, JAN1 + 10 * DAY, 2));
        assertThat(r.summary()).endsWith("1 gaps (largest 2 missing steps)");
    }

    @Test
    void reportsStepGapsForTimestampedData() {
        long h = 3600;
        String csv = "timestamp,A\n" + JAN1 + ",1\n" + (JAN1 + h) + ",1\n" + (JAN1 + 2 * h) + ",1\n"
                + (JAN1 + 5 * h) + ",1\n" + (JAN1 + 6 * h) + ",1\n";
        assertThat(read(csv).report().gaps()).containsExactly(new LoadReport.Gap(JAN1 + 2 * h, JAN1 + 5 * h, 2));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not a number      | date,DAX\\n2024-01-01,1\\n2024-01-02,abc           | t.csv line 3: column 'DAX': 'abc' is not a number
        negative price    | date,DAX\\n2024-01-01,-3                          | t.csv line 2: column 'DAX': price -3 must be finite and > 0
        zero price        | date,DAX\\n2024-01-01,0                           | t.csv line 2: column 'DAX': price 0 must be finite and > 0
        infinite price    | date,DAX\\n2024-01-01,Infinity                    | t.csv line 2: column 'DAX': price Infinity must be finite and > 0
        duplicate date    | date,DAX\\n2024-01-01,1\\n2024-01-01,2             | t.csv line 3: duplicate date 2024-01-01 (first on line 2)
        out of order      | date,DAX\\n2024-01-02,1\\n2024-01-01,2             | t.csv line 3: date 2024-01-01 is before 2024-01-02 on line 2; rows must be in increasing time order
        missing date      | date,DAX\\n2024-01-01,1\\n,2                       | t.csv line 3: column 'date' is empty
        bad date          | date,DAX\\n2024-13-01,1                           | t.csv line 2: column 'date': '2024-13-01' is not a date (yyyy-MM-dd), epoch seconds or ISO date-time
        milliseconds      | timestamp,DAX\\n1704067200000,1                   | t.csv line 2: column 'timestamp': '1704067200000' looks like epoch milliseconds; epoch seconds are expected
        too few columns   | date,A,B\\n2024-01-01,1                           | t.csv line 2: expected 3 columns (as in the header), found 2
        unclosed quote    | date,A\\n2024-01-01,"1                            | t.csv line 2: a quote is opened but never closed
        empty file        | ''                                                | t.csv: empty file: expected a header line like 'date,ASSET1,ASSET2'
        only comments     | # nothing\\n\\n                                    | t.csv: empty file: expected a header line like 'date,ASSET1,ASSET2'
        header only       | date,A\\n                                         | t.csv: no data rows after the header
        no time column    | day,A\\n1,2                                       | t.csv line 1: header [day, A] has no time column; name one of [date, datetime, time, timestamp]
        two time columns  | date,timestamp,A\\n1,2,3                          | t.csv line 1: header has two time columns: 'date' and 'timestamp'
        duplicate asset   | date,A,A\\n2024-01-01,1,2                         | t.csv line 1: header names asset 'A' twice
        unnamed asset     | date,,B\\n2024-01-01,1,2                          | t.csv line 1: header column 2 has no asset name
        R row names       | '"","date","A"\\n"1",2024-01-01,2'              | t.csv line 1: header column 1 has no asset name (row numbers from R's write.csv? write with row.names = FALSE)
        no assets         | date\\n2024-01-01                                 | t.csv line 1: header has no asset columns besides 'date'
        never complete    | date,A,B\\n2024-01-01,1,\\n2024-01-02,2,          | t.csv: no row has a price for every asset [A, B]
        """)
    void namesTheProblemInTheMessage(String name, String csv, String message) {
        assertThat(error(csv.replace("\\n", "\n"))).isEqualTo(message);
    }

    @Test
    void readsFromAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("prices.csv");
        Files.writeString(f, "date,DAX\n2024-01-01,1\n2024-01-02,x\n");
        assertThatThrownBy(() -> new PriceCsvReader().read(f))
                .hasMessage("prices.csv line 3: column 'DAX': 'x' is not a number");
        assertThatThrownBy(() -> new PriceCsvReader().read(dir.resolve("absent.csv")))
                .isInstanceOf(PriceDataException.class).hasMessageContaining("cannot read");
    }

    @Test
    void bundledEuStockMarketsLoadsCleanly() {
        LoadedPrices p = SampleData.euStockMarkets();
        PriceSeries s = p.series();
        assertThat(s.assets()).isEqualTo(List.of("DAX", "SMI", "CAC", "FTSE"));
        assertThat(s.size()).isEqualTo(1860);
        assertThat(LoadReport.format(s.timestamp(0))).isEqualTo("1991-07-01");
        assertThat(LoadReport.format(s.timestamp(1859))).isEqualTo("1998-08-14");
        // First and last rows as R prints them for EuStockMarkets.
        assertThat(s.prices()[0]).containsExactly(1628.75, 1678.1, 1772.8, 2443.6);
        assertThat(s.prices()[1859]).containsExactly(5473.72, 7676.3, 3995.0, 5455.0);
        assertThat(p.report().isClean()).as(p.report().summary()).isTrue();
    }
}
