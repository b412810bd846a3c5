package dev.ballast.chain;

import java.math.BigInteger;

/** IRebalancingVault.Params as read from chain; fractions are 18-decimal, times in seconds. */
public record VaultParams(
        BigInteger band,
        int driftMode,
        long interval,
        long cooldown,
        BigInteger maxSlippage,
        BigInteger maxTradeFraction,
        long twapWindow,
        BigInteger maxSpotTwapDeviation,
        BigInteger maxOracleVenueDeviation,
        BigInteger singleAssetFee) {}
