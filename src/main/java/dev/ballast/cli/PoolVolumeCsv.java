package dev.ballast.cli;

import dev.ballast.backtest.PoolVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * {@code --pool-volume-csv FILE}: a header {@code date,volume_fraction} (the header states the unit, so a plain
 * number is never ambiguous: 1.5 is 150% of the pool's value traded that day), then one ISO date and fraction per
 * line, dates ascending; '#' starts a comment. A day without a line sees no volume.
 */
final class PoolVolumeCsv {
    private static final String HEADER = "date,volume_fraction";

    private PoolVolumeCsv() {}

    static PoolVolume read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserInputException("--pool-volume-csv " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        long[] days = new long[lines.size()];
        double[] fraction = new double[lines.size()];
        int n = 0;
        boolean header = false;
        for (int no = 1; no <= lines.size(); no++) {
            String line = lines.get(no - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (!header) {
                if (!line.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    throw bad(file, no, "expected the header '" + HEADER + "', got '" + line + "'");
                }
                header = true;
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 2) throw bad(file, no, "expected date,volume_fraction, got '" + line + "'");
            try {
                days[n] = LocalDate.parse(f[0].strip()).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                fraction[n] = Double.parseDouble(f[1].strip());
            } catch (DateTimeParseException | NumberFormatException e) {
                throw bad(file, no, "bad date or number in '" + line + "'");
            }
            if (!(fraction[n] >= 0 && Double.isFinite(fraction[n]))) throw bad(file, no, "volume_fraction must be >= 0");
            if (n > 0 && days[n] <= days[n - 1]) throw bad(file, no, "dates must ascend");
            n++;
        }
        if (n == 0) throw new UserInputException("--pool-volume-csv " + file + ": no rows");
        return PoolVolume.series(Arrays.copyOf(days, n), Arrays.copyOf(fraction, n),
                file.getFileName().toString());
    }

    private static UserInputException bad(Path file, int line, String why) {
        return new UserInputException("--pool-volume-csv " + file + " line " + line + ": " + why);
    }
}
