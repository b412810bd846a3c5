package dev.ballast.chain;

import java.math.BigInteger;

/**
 * One vault asset at the snapshot block. {@code tokenBalance} is IERC20.balanceOf(vault) (donations included),
 * {@code accountedBalance} what the vault accounts for; both in the asset's own decimals.
 */
public record AssetState(
        String asset,
        int decimals,
        BigInteger tokenBalance,
        BigInteger accountedBalance,
        BigInteger targetWeight,
        PriceReading routerPrice,
        boolean balanceUnreadable,
        boolean decimalsUnreadable) {}
