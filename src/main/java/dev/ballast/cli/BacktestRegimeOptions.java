package dev.ballast.cli;

import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.backtest.optimize.RegimeRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code backtest}'s regime options: which rule labels the bars, on which column, and how the report names it. */
final class BacktestRegimeOptions {
    @Option(names = "--regimes", paramLabel = "auto|drawdown|FILE",
            description = {"Split by regime: auto (trailing 126-bar return > +10%% bull, < -10%% bear, else sideways),",
                    "drawdown (at least --regime-drawdown below the running peak, else near peak), both on the",
                    "equal-weight basket or --regime-asset; or a from,to,regime CSV."})
    String regimes;

    @Option(names = "--regime-asset", paramLabel = "NAME",
            description = "Classify regimes on this column (an index such as SPI) instead of the equal-weight basket.")
    String regimeAsset;

    @Option(names = "--regime-drawdown", defaultValue = "20%", paramLabel = "FRACTION",
            description = "Drawdown from peak that makes a bar 'drawdown' with --regimes drawdown (default ${DEFAULT-VALUE}).")
    String regimeDrawdown;

    /** For the report's "regimes:" line. */
    String describe() {
        String on = regimeAsset == null ? "the equal-weight basket mean(p_i,t/p_i,0)" : regimeAsset;
        if (regimes == null) return "the synthetic generator's true regimes";
        if (regimes.equalsIgnoreCase("auto")) {
            return "auto: trailing " + RegimeRule.DEFAULT_WINDOW + "-bar return of " + on + " > +10% bull, < -10% bear, "
                    + "else sideways";
        }
        if (regimes.equalsIgnoreCase("drawdown")) {
            return "drawdown: " + on + " at least " + regimeDrawdown + " below its running peak, else near peak";
        }
        return "periods from " + regimes;
    }

    /**
     * The regimes found on the {@code loaded} columns (the regime asset, an index say, need not be traded), attached
     * to the {@code traded} series; {@code generated} (a synthetic generator's true regimes) when no rule is given.
     */
    RegimePath path(PriceSeries loaded, RegimePath generated, PriceSeries traded) throws IOException {
        RegimePath p = path(loaded, generated);
        return p == null ? null : new RegimePath(traded, p.regimes(), p.regimeAt());
    }

    private RegimePath path(PriceSeries series, RegimePath generated) throws IOException {
        if (regimeAsset != null && !series.assets().contains(regimeAsset)) {
            throw new UserInputException("--regime-asset: no column " + regimeAsset + " in " + series.assets());
        }
        if (regimeAsset != null && (regimes == null || !(regimes.equalsIgnoreCase("auto")
                || regimes.equalsIgnoreCase("drawdown")))) {
            throw new UserInputException("--regime-asset: only used with --regimes auto or --regimes drawdown");
        }
        if (regimes == null) return generated;
        try {
            if (regimes.equalsIgnoreCase("auto")) {
                return regimeAsset == null ? RegimeRule.auto(series) : RegimeRule.auto(series,
                        regimeAsset, RegimeRule.DEFAULT_WINDOW, RegimeRule.DEFAULT_THRESHOLD);
            }
            if (regimes.equalsIgnoreCase("drawdown")) {
                double dd = FractionOption.parse("--regime-drawdown", regimeDrawdown).doubleValue();
                if (!(dd > 0 && dd < 1)) throw new UserInputException("--regime-drawdown " + regimeDrawdown + ": must be in (0%, 100%)");
                return RegimeRule.drawdown(series, regimeAsset, dd);
            }
            Path file = Path.of(regimes);
            if (!Files.isReadable(file)) throw new UserInputException("--regimes " + regimes + ": not auto and not a readable file");
            return RegimeRule.fromFile(series, file);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--regimes: " + e.getMessage(), e);
        }
    }
}
