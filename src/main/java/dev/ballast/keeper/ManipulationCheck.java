package dev.ballast.keeper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PoolState;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The vault's manipulation guard, run off-chain first so the keeper refuses (and says why) instead of paying for a
 * revert: per leg, the pool's spot price must be within {@code maxSpotTwapDeviation} of its TWAP, and the router's
 * price within {@code maxOracleVenueDeviation} of both. Prices of a pair are ratios of the pool's token-0 prices.
 */
final class ManipulationCheck {
    private static final BigInteger WAD = BigInteger.TEN.pow(18);

    private ManipulationCheck() {}

    /** Empty when every leg passes; otherwise the first reason to refuse. */
    static Optional<String> check(VaultState vault, PoolState pool, List<Leg> legs) {
        if (!pool.hasCode() || !pool.unreadable().isEmpty()) return Optional.of("pool " + pool.address() + " unreadable " + pool.unreadable());
        for (Leg leg : legs) {
            Optional<String> refusal = checkPair(vault, pool, leg.sellAsset(), leg.buyAsset());
            if (refusal.isPresent()) return refusal;
        }
        return Optional.empty();
    }

    private static Optional<String> checkPair(VaultState vault, PoolState pool, String base, String quote) {
        PoolState.PoolTokenState b = token(pool, base);
        PoolState.PoolTokenState q = token(pool, quote);
        if (b == null || q == null) return Optional.of("pool " + pool.address() + " does not trade " + base + "/" + quote);
        if (b.twap().price().isEmpty() || q.twap().price().isEmpty()) {
            return Optional.of("pool TWAP unavailable for " + base + "/" + quote + " (window not covered yet)");
        }
        BigInteger spot = ratio(b.spot().value(), q.spot().value());
        BigInteger twap = ratio(b.twap().value(), q.twap().value());
        BigInteger oracle = ratio(routerPrice(vault, base), routerPrice(vault, quote));
        BigInteger spotTwap = deviation(spot, twap);
        if (spotTwap.compareTo(vault.params().maxSpotTwapDeviation()) > 0) {
            return Optional.of("manipulation suspected: spot " + pct(spotTwap) + " away from TWAP for " + base
                    + "/" + quote + " (bound " + pct(vault.params().maxSpotTwapDeviation()) + ")");
        }
        BigInteger bound = vault.params().maxOracleVenueDeviation();
        BigInteger oracleSpot = deviation(spot, oracle);
        BigInteger oracleTwap = deviation(twap, oracle);
        if (oracleSpot.compareTo(bound) > 0 || oracleTwap.compareTo(bound) > 0) {
            return Optional.of("oracle disagrees with pool for " + base + "/" + quote + ": spot " + pct(oracleSpot)
                    + ", TWAP " + pct(oracleTwap) + " away (bound " + pct(bound) + ")");
        }
        return Optional.empty();
    }

    private static PoolState.PoolTokenState token(PoolState pool, String address) {
        return pool.tokens().stream().filter(t -> t.token().equalsIgnoreCase(address)).findFirst().orElse(null);
    }

    private static BigInteger routerPrice(VaultState vault, String asset) {
        return vault.assets().stream().filter(a -> a.asset().equalsIgnoreCase(asset)).findFirst()
                .map(AssetState::routerPrice).flatMap(p -> p.price()).orElse(BigInteger.ONE);
    }

    private static BigInteger ratio(BigInteger a, BigInteger b) {
        return b.signum() == 0 ? BigInteger.ZERO : a.multiply(WAD).divide(b);
    }

    /** |a − b| / b, 18 decimals, rounded up: the same side of the bound the vault errs on. */
    static BigInteger deviation(BigInteger a, BigInteger b) {
        if (b.signum() == 0) return WAD;
        BigInteger[] qr = a.subtract(b).abs().multiply(WAD).divideAndRemainder(b);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    private static String pct(BigInteger wad) {
        return new java.math.BigDecimal(wad, 16).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
