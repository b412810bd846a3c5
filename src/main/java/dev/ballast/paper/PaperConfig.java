package dev.ballast.paper;

import dev.ballast.policy.RebalanceMode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A paper run: the live chain to follow, where its ledger goes, and the virtual vaults. Fractions are 18-decimal,
 * values are policy value units (1e-8 numeraire), times seconds. Built and validated by {@link PaperConfigLoader}.
 *
 * @param chainId          the chain id every read must come from (0: whatever the node says)
 * @param maxCatchUpBlocks after a restart, at most this many missed blocks are read back (a pruned node cannot serve
 *                         older state); the rest is recorded as a gap
 */
public record PaperConfig(String rpcUrl, long chainId, Path journal, Duration pollInterval, int maxCatchUpBlocks,
        Gas gas, List<Vault> vaults) {
    public PaperConfig {
        vaults = List.copyOf(vaults);
    }

    /**
     * What a rebalance's gas is priced at: units per vault call and per swap (the keeper's own model), the native
     * token's price in value units, and the priority fee paid on top of each block's base fee.
     */
    public record Gas(long perRebalance, long perSwap, long nativePrice, BigInteger tipWei) {}

    /** One virtual vault: the router and venue it would use on chain, its assets, how it starts, its guards. */
    public record Vault(String name, String priceRouter, String venue, List<PaperAsset> assets, Start start, Policy policy) {
        public Vault {
            assets = List.copyOf(assets);
        }
    }

    /** A token and its target weight (18 decimals). */
    public record PaperAsset(String token, BigInteger target) {}

    /** The starting holdings: a notional in numeraire units split at target weights, or whole-token amounts. */
    public record Start(BigDecimal notional, List<BigDecimal> basket) {
        public Start {
            basket = basket == null ? null : List.copyOf(basket);
        }
    }

    /**
     * The vault's on-chain guard parameters (IRebalancingVault.Params) and the keeper's own per-vault settings.
     *
     * @param minTradeValue value units; @param gasBudget value units (0: none)
     */
    public record Policy(RebalanceMode mode, BigInteger band, long calendarInterval, long cooldown, long minTradeValue,
            BigInteger maxSlippage, BigInteger maxTradeFraction, long twapWindow, BigInteger maxSpotTwapDeviation,
            BigInteger maxOracleVenueDeviation, long gasBudget, long correctionBenefit) {}
}
