package dev.ballast.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

/**
 * A weighted pool at the snapshot block. Prices are of each token in token 0, 18 decimals; token 0's are 1e18.
 * {@code unreadable} names views that failed ("tokens", "balances", "weights", "swapFee", "oldestObservationAge").
 */
public record PoolState(
        String address,
        boolean hasCode,
        BigInteger swapFee,
        long twapWindow,
        long oldestObservationAge,
        List<PoolTokenState> tokens,
        Set<String> unreadable) {
    public PoolState {
        tokens = List.copyOf(tokens);
        unreadable = Set.copyOf(unreadable);
    }

    /** A token's balance, weight, spot and TWAP; a TWAP whose window is not covered yet is REVERTED, not missing. */
    public record PoolTokenState(String token, BigInteger balance, BigInteger weight, PriceReading spot, PriceReading twap) {}
}
