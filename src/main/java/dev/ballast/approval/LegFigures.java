package dev.ballast.approval;

import dev.ballast.chain.AssetState;
import dev.ballast.chain.VaultState;
import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The figures a proposal shows per leg: expected output (venue model) and oracle-implied output, raw units. */
final class LegFigures {
    private LegFigures() {}

    /** {@code sellAmount × priceIn / priceOut}, decimals converted, rounded down; 0 when a price is missing. */
    static BigInteger oracleOut(VaultState state, Leg leg) {
        AssetState in = asset(state, leg.sellAsset());
        AssetState out = asset(state, leg.buyAsset());
        Optional<BigInteger> priceIn = in.routerPrice().price();
        Optional<BigInteger> priceOut = out.routerPrice().price();
        if (priceIn.isEmpty() || priceOut.isEmpty() || priceOut.get().signum() == 0) return BigInteger.ZERO;
        return leg.sellAmount().multiply(priceIn.get()).multiply(BigInteger.TEN.pow(out.decimals()))
                .divide(priceOut.get().multiply(BigInteger.TEN.pow(in.decimals())));
    }

    /** The venue model's expectation, or the leg's own min-out when the leg could not be routed. */
    static List<BigInteger> expected(List<Leg> legs, List<Optional<BigInteger>> quoted) {
        return IntStream.range(0, legs.size())
                .mapToObj(i -> i < quoted.size() && quoted.get(i).isPresent() ? quoted.get(i).get() : legs.get(i).minBuyAmount())
                .toList();
    }

    static String describe(List<Leg> legs, List<BigInteger> expected, List<BigInteger> oracle) {
        return IntStream.range(0, legs.size()).mapToObj(i -> "sell " + legs.get(i).sellAmount() + " "
                + legs.get(i).sellAsset() + " -> expect " + expected.get(i) + " " + legs.get(i).buyAsset() + " (oracle "
                + oracle.get(i) + ")").collect(Collectors.joining("; "));
    }

    private static AssetState asset(VaultState state, String address) {
        return state.assets().stream().filter(a -> a.asset().equalsIgnoreCase(address)).findFirst()
                .orElseThrow(() -> new IllegalStateException("asset " + address + " not in vault " + state.address()));
    }
}
