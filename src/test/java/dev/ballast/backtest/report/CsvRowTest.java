package dev.ballast.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The CSV rows jackson-dataformat-csv writes are the bytes the hand-written quoting wrote before. */
class CsvRowTest {
    /** The quoting CsvReportWriter had before it moved onto jackson-dataformat-csv (reference for this test). */
    private static String handEscaped(List<String> cells) {
        List<String> out = new ArrayList<>();
        for (String cell : cells) {
            boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                    || !cell.equals(cell.strip());
            out.add(quote ? '"' + cell.replace("\"", "\"\"") + '"' : cell);
        }
        return String.join(",", out) + "\n";
    }

    private static String row(List<String> cells) throws IOException {
        StringBuilder sb = new StringBuilder();
        CsvReportWriter.row(sb, cells);
        return sb.toString();
    }

    @Test
    void quotesOnlyWhatRfc4180Needs() throws IOException {
        assertThat(row(List.of("band 5%", "0.05", "", "1e-12"))).isEqualTo("band 5%,0.05,,1e-12\n");
        assertThat(row(List.of("a,b", "say \"hi\"", "two\nlines", "x"))).isEqualTo(
                "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",x\n");
        // a carriage return or an edge space: Jackson's strict check would leave it bare, so the row is quoted whole
        assertThat(row(List.of("cr\r", "x", ""))).isEqualTo("\"cr\r\",\"x\",\"\"\n");
        assertThat(row(List.of(" x", "y"))).isEqualTo("\" x\",\"y\"\n");
    }

    /**
     * Random cells of the characters that matter: identical bytes, except that a row holding a carriage return or a
     * cell with an edge space now has every cell quoted (same values for any RFC 4180 reader).
     */
    @Test
    void sameBytesAsTheHandWrittenQuoting() throws IOException {
        String alphabet = "ab5%.-_,\"\n\r x";
        SplittableRandom random = new SplittableRandom(18);
        int compared = 0;
        for (int i = 0; i < 20_000; i++) {
            List<String> cells = new ArrayList<>();
            for (int c = 0, n = 1 + random.nextInt(4); c < n; c++) {
                StringBuilder cell = new StringBuilder();
                for (int k = 0, len = random.nextInt(6); k < len; k++) cell.append(alphabet.charAt(random.nextInt(alphabet.length())));
                cells.add(cell.toString());
            }
            if (cells.stream().anyMatch(c -> c.indexOf('\r') >= 0 || !c.equals(c.strip()))) {
                List<String> quoted = cells.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').toList();
                assertThat(row(cells)).as("cells %s", cells).isEqualTo(String.join(",", quoted) + "\n");
                continue;
            }
            assertThat(row(cells)).as("cells %s", cells).isEqualTo(handEscaped(cells));
            compared++;
        }
        assertThat(compared).isGreaterThan(5_000);
    }
}
