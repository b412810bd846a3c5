package dev.ballast.keeper;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.PriceReading;
import dev.ballast.chain.VaultParams;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.Leg;
import dev.ballast.policy.VaultMath;
import dev.ballast.tx.RevertDecoder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The keeper's copy of the vault's manipulation guard (RebalancingVault._checkVenuePrices), run before sending so the
 * keeper refuses, naming the vault's error, instead of paying for a revert. Per leg, in the legs' order, with the
 * venue's own {@code spotPrice(tokenIn, tokenOut)} and {@code twapPrice(tokenIn, tokenOut, twapWindow)} as the lens
 * read them at the snapshot block and the router's cross price ({@link VaultMath#crossPrice}): spot against TWAP
 * ({@code SpotTwapDeviation}), then spot and TWAP against the router ({@code OracleSpotDeviation},
 * {@code OracleTwapDeviation}), each {@link VaultMath#relDiffUp} compared with {@code >} in exact uint256 arithmetic,
 * overflow included. A price that was not read is a refusal, never a guess. Pinned to the contract by
 * VaultRulesDifferentialTest.
 */
public final class ManipulationCheck {
    private static final RevertDecoder ERRORS = RevertDecoder.forBallast();

    private ManipulationCheck() {}

    /**
     * Why the vault would refuse the legs.
     *
     * @param error  the name of the error the vault reverts with ("SpotTwapDeviation", "Panic(0x11)", a router's or
     *               venue's own error), or "NotRead" when the prices to judge by are missing from the snapshot
     * @param reason one sentence for the log and the journal
     */
    public record Refusal(String error, String reason) {
        @Override
        public String toString() {
            return reason;
        }
    }

    /** Empty when the vault's guard passes every leg traded through {@code venue}; otherwise the first refusal. */
    public static Optional<Refusal> check(VaultState vault, String venue, List<Leg> legs) {
        if (vault.venue() == null || !vault.venue().equalsIgnoreCase(venue)) {
            return Optional.of(new Refusal("NotRead", "prices of venue " + venue + " were not read for vault "
                    + vault.address()));
        }
        for (Leg leg : legs) {
            Optional<Refusal> refusal = checkLeg(vault, venue, leg.sellAsset(), leg.buyAsset());
            if (refusal.isPresent()) return refusal;
        }
        return Optional.empty();
    }

    private static Optional<Refusal> checkLeg(VaultState vault, String venue, String tokenIn, String tokenOut) {
        String pair = tokenIn + "/" + tokenOut;
        Optional<VaultState.VenuePrice> read = vault.venuePrice(tokenIn, tokenOut);
        if (read.isEmpty()) return Optional.of(new Refusal("NotRead", "venue prices of " + pair + " were not read"));
        // the vault prices every asset before it looks at a leg: a router failure reverts first
        Optional<Refusal> missing = unavailable("router price of " + tokenIn, routerPrice(vault, tokenIn))
                .or(() -> unavailable("router price of " + tokenOut, routerPrice(vault, tokenOut)))
                .or(() -> unavailable("venue spot price of " + pair, read.get().spot()))
                .or(() -> unavailable("venue TWAP of " + pair, read.get().twap()));
        if (missing.isPresent()) return missing;
        // a spot-only venue (the vault records it so when allowing it) is held to the oracle alone
        boolean twapChecked = read.get().twap().status() != PriceReading.Status.SPOT_ONLY;
        BigInteger spot = read.get().spot().value();
        BigInteger twap = read.get().twap().value();
        VaultParams p = vault.params();
        try {
            BigInteger oracle = VaultMath.crossPrice(routerPrice(vault, tokenIn).value(), routerPrice(vault, tokenOut).value());
            BigInteger spotTwap = twapChecked ? VaultMath.relDiffUp(spot, twap) : BigInteger.ZERO;
            if (spotTwap.compareTo(p.maxSpotTwapDeviation()) > 0) {
                return refuse("SpotTwapDeviation", "venue spot " + price(spot) + " is " + pct(spotTwap) + " away from its TWAP "
                        + price(twap) + " for " + pair, p.maxSpotTwapDeviation());
            }
            BigInteger oracleSpot = VaultMath.relDiffUp(spot, oracle);
            if (oracleSpot.compareTo(p.maxOracleVenueDeviation()) > 0) {
                return refuse("OracleSpotDeviation", "venue spot " + price(spot) + " is " + pct(oracleSpot)
                        + " away from the router's " + price(oracle) + " for " + pair, p.maxOracleVenueDeviation());
            }
            if (!twapChecked) return Optional.empty();
            BigInteger oracleTwap = VaultMath.relDiffUp(twap, oracle);
            if (oracleTwap.compareTo(p.maxOracleVenueDeviation()) > 0) {
                return refuse("OracleTwapDeviation", "venue TWAP " + price(twap) + " is " + pct(oracleTwap)
                        + " away from the router's " + price(oracle) + " for " + pair, p.maxOracleVenueDeviation());
            }
            return Optional.empty();
        } catch (VaultMath.Panic e) {
            return Optional.of(new Refusal(e.errorName(), "the vault's price check would revert for " + pair + ": "
                    + e.getMessage()));
        }
    }

    private static PriceReading routerPrice(VaultState vault, String asset) {
        return vault.assets().stream().filter(a -> a.asset().equalsIgnoreCase(asset)).findFirst()
                .map(AssetState::routerPrice).orElse(new PriceReading(PriceReading.Status.NOT_READ, BigInteger.ZERO));
    }

    private static Optional<Refusal> unavailable(String what, PriceReading reading) {
        return switch (reading.status()) {
            case OK -> Optional.empty();
            case REVERTED -> {
                String name = ERRORS.nameOf(reading.revertSelector().orElseThrow());
                yield Optional.of(new Refusal(name, "no " + what + ": it reverted with " + name));
            }
            case NO_ROUTER -> Optional.of(new Refusal("NotRead", "no " + what + ": the vault's router has no code"));
            case NOT_READ -> Optional.of(new Refusal("NotRead", "no " + what + ": not read"));
            case SPOT_ONLY -> Optional.empty(); // the vault never asks for it
        };
    }

    private static Optional<Refusal> refuse(String error, String why, BigInteger bound) {
        return Optional.of(new Refusal(error, "manipulation suspected (" + error + "): " + why + " (bound " + pct(bound) + ")"));
    }

    /** A deviation for a person: 2 decimals of a percent ("22.48%"), enough to compare with a bound. */
    private static String pct(BigInteger wad) {
        if (wad.equals(VaultMath.MAX_UINT256)) return "unbounded (zero reference price)";
        return new BigDecimal(wad, 16).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    /** A 1e18-scaled price as a decimal number with 8 significant digits (0.056306150), not a 17-digit integer. */
    private static String price(BigInteger wad) {
        return new BigDecimal(wad, 18).round(new MathContext(8, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }
}
