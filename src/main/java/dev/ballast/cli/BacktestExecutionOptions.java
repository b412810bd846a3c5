package dev.ballast.cli;

import dev.ballast.backtest.Execution;
import dev.ballast.backtest.data.PriceSeries;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code backtest}'s execution options: when a decided rebalance executes, per-asset fees, a fixed cost per swap. */
final class BacktestExecutionOptions {
    @Option(names = "--asset-fee-bps", paramLabel = "ASSET=BPS",
            description = "Fee rate of one asset in basis points (repeatable; others pay --fee-bps); a swap pays the "
                    + "mean of its two assets' rates.")
    Map<String, Double> assetFeeBps;

    @Option(names = "--fixed-cost", defaultValue = "0", paramLabel = "VALUE",
            description = "Fixed cost per swap in the numeraire, on top of the proportional fee (default ${DEFAULT-VALUE}).")
    double fixedCost;

    @Option(names = "--execution", defaultValue = "same-bar", paramLabel = "WHEN",
            description = {"same-bar: a rebalance executes at the close it was decided on (default: the keeper sends in",
                    "the next block, seconds later, well inside a daily bar); next-bar: at the next bar's close (no",
                    "look-ahead at all; right for bars as short as a block)."})
    String executionTiming;

    /** The options as an {@link Execution}; {@code feeBps} is what assets without their own rate pay. */
    Execution execution(PriceSeries series, double feeBps) {
        Execution.Timing timing = switch (executionTiming.toLowerCase(Locale.ROOT)) {
            case "same-bar" -> Execution.Timing.SAME_BAR;
            case "next-bar" -> Execution.Timing.NEXT_BAR;
            default -> throw new UserInputException("--execution " + executionTiming + ": expected same-bar or next-bar");
        };
        if (!(fixedCost >= 0 && fixedCost < 1e10)) throw new UserInputException("--fixed-cost " + fixedCost + ": must be in [0, 1e10)");
        double[] rates = null;
        if (assetFeeBps != null) {
            rates = new double[series.assetCount()];
            Arrays.fill(rates, feeBps / 1e4);
            for (Map.Entry<String, Double> e : assetFeeBps.entrySet()) {
                int i = series.assets().indexOf(e.getKey());
                if (i < 0) throw new UserInputException("--asset-fee-bps: no column " + e.getKey() + " in " + series.assets());
                if (!(e.getValue() >= 0 && e.getValue() < 10_000)) {
                    throw new UserInputException("--asset-fee-bps " + e.getKey() + "=" + e.getValue() + ": must be in [0, 10000)");
                }
                rates[i] = e.getValue() / 1e4;
            }
        }
        return new Execution(timing, rates, fixedCost);
    }

    /** For the report's "execution:" line. */
    String describe(double feeBps) {
        return executionTiming.toLowerCase(Locale.ROOT) + (assetFeeBps == null ? "" : ", asset fees (bps) " + assetFeeBps
                + ", others " + feeBps) + (fixedCost > 0 ? ", fixed cost " + fixedCost + " per swap" : "");
    }
}
