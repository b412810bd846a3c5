package dev.ballast.cli;

import dev.ballast.backtest.data.GbmGenerator;
import dev.ballast.backtest.data.LoadedPrices;
import dev.ballast.backtest.data.PriceCsvReader;
import dev.ballast.backtest.data.PriceDataException;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.backtest.data.RegimePath;
import dev.ballast.backtest.data.RegimeSwitchingGenerator;
import dev.ballast.backtest.data.SampleData;
import dev.ballast.backtest.data.SyntheticAsset;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code backtest}'s data options: a price CSV, synthetic data or the bundled sample, and the columns to trade. */
final class BacktestDataOptions {
    @Option(names = "--prices", paramLabel = "FILE", description = "Price CSV (default: bundled EuStockMarkets sample).")
    Path prices;

    @Option(names = "--synthetic", paramLabel = "KIND", description = "SYNTHETIC data instead: gbm or regime.")
    String synthetic;

    @Option(names = "--assets", split = ",", paramLabel = "NAME",
            description = "Only these price columns, in this order (default all).")
    List<String> assetNames;

    @Option(names = "--synthetic-assets", defaultValue = "4", paramLabel = "N",
            description = "Synthetic assets (default ${DEFAULT-VALUE}).")
    int assets;

    @Option(names = "--years", defaultValue = "5", description = "Synthetic years of daily bars (default ${DEFAULT-VALUE}).")
    double years;

    /** Prices as loaded, where they came from, notes for the report, and a synthetic regime path (else null). */
    record Data(PriceSeries series, String source, List<String> notes, RegimePath regimes) {}

    /** All loaded columns; {@code seed} drives synthetic data. */
    Data load(long seed) {
        if (synthetic != null && prices != null) throw new UserInputException("--prices and --synthetic exclude each other");
        if (synthetic != null) return synthetic(seed);
        try {
            LoadedPrices loaded = prices != null ? new PriceCsvReader().read(prices) : SampleData.euStockMarkets();
            String source = prices != null ? prices.toString()
                    : "bundled sample: R's EuStockMarkets (DAX, SMI, CAC, FTSE daily closes 1991-1998; dates derived)";
            List<String> notes = new ArrayList<>();
            if (!loaded.report().isClean()) notes.add(loaded.report().summary());
            return new Data(loaded.series(), source, notes, null);
        } catch (PriceDataException e) {
            throw new UserInputException("--prices: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new UserInputException("--prices " + prices + ": cannot read (" + e.getCause().getMessage() + ")", e);
        }
    }

    /** {@code --assets}: only the named columns, in that order (as {@code il --assets}). */
    Data select(Data data) {
        if (assetNames == null) return data;
        if (assetNames.size() == 1 && assetNames.get(0).matches("[0-9]+")) {
            throw new UserInputException("--assets " + assetNames.get(0) + ": --assets selects columns by name now; "
                    + "the number of synthetic assets is --synthetic-assets");
        }
        if (new HashSet<>(assetNames).size() != assetNames.size()) {
            throw new UserInputException("--assets " + assetNames + ": a column is named twice");
        }
        for (String a : assetNames) {
            if (!data.series().assets().contains(a)) {
                throw new UserInputException("--assets: no column " + a + " in " + data.series().assets());
            }
        }
        return new Data(data.series().select(assetNames), data.source(), data.notes(), data.regimes());
    }

    private Data synthetic(long seed) {
        if (assets < 1 || assets > 100) throw new UserInputException("--synthetic-assets " + assets + ": must be in [1, 100]");
        if (!(years > 0 && years <= 100)) throw new UserInputException("--years " + years + ": must be in (0, 100]");
        List<SyntheticAsset> list = new ArrayList<>();
        for (int i = 0; i < assets; i++) list.add(new SyntheticAsset("S" + (i + 1), 100, 0.06, 0.15 + 0.05 * (i % 5)));
        int rows = (int) Math.round(years * 365.25) + 1;
        List<String> notes = List.of("SYNTHETIC data (" + synthetic + ", seed " + seed + "): not market prices.");
        return switch (synthetic.toLowerCase(Locale.ROOT)) {
            case "gbm" -> new Data(new GbmGenerator(list).generate(rows, seed), "synthetic GBM", notes, null);
            case "regime" -> {
                RegimePath p = RegimeSwitchingGenerator.bullBearSideways(list).generate(rows, seed);
                yield new Data(p.series(), "synthetic regime-switching", notes, p);
            }
            default -> throw new UserInputException("--synthetic " + synthetic + ": expected gbm or regime");
        };
    }
}
