package dev.ballast.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A vault at the snapshot block. {@code unreadable} names each view that reverted or returned the wrong length
 * ("assets", "params", "balances", "targetWeights", "lastRebalance", "totalSupply", "priceRouter"); the fields it
 * feeds are zero/null then. A vault without code has {@code hasCode == false} and nothing else.
 *
 * @param venue       the venue whose prices were read (null when none was asked for)
 * @param venuePrices the venue's spot and TWAP (over the vault's own TWAP window) of every ordered pair of assets,
 *                    exactly as the vault's manipulation guard will ask for them; empty when no venue was asked for
 * @param depositCap  the cap on the share supply after a deposit, 0 = uncapped; null when the vault has no
 *                    depositCap() (deployed before the cap existed): informational, so it never makes a vault unreadable
 */
public record VaultState(
        String address,
        boolean hasCode,
        boolean paused,
        BigInteger lastRebalance,
        String priceRouter,
        BigInteger totalSupply,
        VaultParams params,
        List<AssetState> assets,
        Set<String> unreadable,
        String venue,
        List<VenuePrice> venuePrices,
        BigInteger depositCap) {
    public VaultState {
        assets = List.copyOf(assets);
        unreadable = Set.copyOf(unreadable);
        venuePrices = List.copyOf(venuePrices);
    }

    /** {@code IVenue(venue).spotPrice(base, quote)} and {@code twapPrice(base, quote, params.twapWindow)}. */
    public record VenuePrice(String base, String quote, PriceReading spot, PriceReading twap) {}

    /** The venue's prices of {@code base} in {@code quote}, if they were read. */
    public Optional<VenuePrice> venuePrice(String base, String quote) {
        return venuePrices.stream().filter(p -> p.base().equalsIgnoreCase(base) && p.quote().equalsIgnoreCase(quote))
                .findFirst();
    }

    /** Everything read: the keeper may act on this vault. */
    public boolean complete() {
        return hasCode && unreadable.isEmpty();
    }
}
