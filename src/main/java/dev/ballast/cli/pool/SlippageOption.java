package dev.ballast.cli.pool;

import java.math.BigDecimal;
import picocli.CommandLine.Option;

/** The price move a sending pool command accepts, turned into basis points once it is checked. */
final class SlippageOption {
    @Option(names = "--slippage", defaultValue = "0.5", paramLabel = "PERCENT",
            description = "Worst price move accepted, percent (default ${DEFAULT-VALUE}).")
    BigDecimal percent;

    /** The checked value in basis points (a bad value is an error naming --slippage). */
    int bps() {
        return Amounts.slippageBps(percent);
    }
}
