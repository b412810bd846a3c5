package dev.ballast.cli;

import dev.ballast.backtest.CostModel;
import dev.ballast.backtest.GasModel;
import dev.ballast.backtest.VenueCosts;
import dev.ballast.backtest.data.PriceSeries;
import dev.ballast.venue.VenueSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code backtest}'s cost options: the swap fee and impact, or routed venues, and gas. */
final class BacktestCostOptions {
    @Option(names = "--fee-bps", defaultValue = "30", description = "Swap fee in basis points (default ${DEFAULT-VALUE}).")
    double feeBps;

    @Option(names = "--impact", defaultValue = "none", paramLabel = "LIQUIDITY",
            description = "Constant-product liquidity per swap side, in the numeraire, or none (default ${DEFAULT-VALUE}).")
    String impact;

    @Option(names = "--venue", paramLabel = "SPEC",
            description = {"Price swaps with the keeper's routing model over this venue instead of --fee-bps/--impact; "
                    + "repeat for several (the best venue, or a split when it pays after gas). SPEC is "
                    + "KIND:FEE_BPS:LIQUIDITY[:OPTION]: v3:5:2e9[:RANGE_PCT] (active liquidity as one virtual reserve in the "
                    + "numeraire, 60%% of it within +-RANGE_PCT, default 10), v2:30:2e7 (value of each reserve), "
                    + "balancer:30:4e7[:80/20] or ballast:30:1e7[:50/50] (pool value; the sold asset holds the first weight).",
                    "Example: --venue v3:5:2e9:2 versus --venue balancer:30:4e7:80/20"})
    List<String> venues;

    @Option(names = "--gas-units", defaultValue = "0,0", split = ",", paramLabel = "CALL,SWAP",
            description = "Gas per vault call and per swap (default ${DEFAULT-VALUE}).")
    List<Long> gasUnits;

    @Option(names = "--gas-price", defaultValue = "0", paramLabel = "GWEI", description = "Gas price in gwei (default ${DEFAULT-VALUE}).")
    double gasPriceGwei;

    @Option(names = "--native-price", defaultValue = "2000", paramLabel = "PRICE|ASSET",
            description = "Native token price, or the price column to use (default ${DEFAULT-VALUE}).")
    String nativePrice;

    CostModel costs(PriceSeries series) {
        if (!(feeBps >= 0 && feeBps < 10_000)) throw new UserInputException("--fee-bps " + feeBps + ": must be in [0, 10000)");
        double liquidity = Double.POSITIVE_INFINITY;
        if (!impact.equalsIgnoreCase("none")) {
            liquidity = parseNumber("--impact", impact);
            if (!(liquidity > 0)) throw new UserInputException("--impact " + impact + ": must be > 0 or none");
        }
        if (gasUnits.size() != 2 || gasUnits.get(0) < 0 || gasUnits.get(1) < 0) {
            throw new UserInputException("--gas-units " + gasUnits + ": expected CALL,SWAP, both >= 0");
        }
        if (!(gasPriceGwei >= 0 && gasPriceGwei < 1e6)) throw new UserInputException("--gas-price " + gasPriceGwei + ": must be in [0, 1e6) gwei");
        long wei = Math.round(gasPriceGwei * 1e9);
        GasModel gas;
        if (nativePrice.matches("[0-9.eE+-]+")) {
            double p = parseNumber("--native-price", nativePrice);
            if (!(p >= 0)) throw new UserInputException("--native-price " + nativePrice + ": must be >= 0");
            gas = GasModel.constant(gasUnits.get(0), gasUnits.get(1), wei, p);
        } else {
            gas = GasModel.priced(gasUnits.get(0), gasUnits.get(1), wei, nativePrice);
        }
        if (venues != null && !venues.isEmpty()) return CostModel.ofVenues(venueCosts(series, gas), gas);
        return new CostModel(feeBps / 1e4, liquidity, gas);
    }

    /** The report's "costs" line. */
    String describe(CostModel costs) {
        String swaps = costs.venues() == null ? String.format(Locale.ROOT, "fee %.1f bps, impact liquidity %s", feeBps, impact)
                : "routed over " + String.join(", ", costs.venues().venues().stream()
                        .map(v -> v.name() + " liquidity " + v.liquidity().toPlainString()).toList());
        return String.format(Locale.ROOT, "%s, gas %d/call %d/swap at %s gwei", swaps, costs.gas().perCall(),
                costs.gas().perSwap(), gasPriceGwei);
    }

    /** The --venue model; a split's extra swap gas is valued at the first bar's native price when it is a column. */
    private VenueCosts venueCosts(PriceSeries series, GasModel gas) {
        List<VenueSpec> specs = new ArrayList<>();
        for (String v : venues) {
            try {
                specs.add(VenueSpec.parse(v));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--venue " + e.getMessage());
            }
        }
        double nativePriceNow = gas.nativePrice();
        if (gas.nativeAsset() != null) {
            int column = series.assets().indexOf(gas.nativeAsset());
            if (column < 0) throw new UserInputException("--native-price " + gas.nativeAsset() + ": no such price column");
            nativePriceNow = series.price(0, column);
        }
        try {
            return new VenueCosts(specs, gas.gasPriceWei() / 1e18 * nativePriceNow);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--venue: " + e.getMessage());
        }
    }

    private static double parseNumber(String option, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserInputException(option + " " + text + ": not a number");
        }
    }
}
