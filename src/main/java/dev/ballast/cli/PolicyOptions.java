package dev.ballast.cli;

import java.math.BigDecimal;
import picocli.CommandLine.Option;

/** The inputs of the keeper's policy: only the commands that decide a rebalance (run, plan, rebalance) show them. */
final class PolicyOptions {
    @Option(names = "--native-price", defaultValue = "3000",
            description = "Price of the chain's native token in the numeraire, to value gas (default ${DEFAULT-VALUE}).")
    BigDecimal nativePrice = new BigDecimal("3000");

    @Option(names = "--correction-benefit", defaultValue = "0.01",
            description = "Value the policy puts on correcting one unit of misplaced value (default ${DEFAULT-VALUE}).")
    BigDecimal correctionBenefit = new BigDecimal("0.01");
}
