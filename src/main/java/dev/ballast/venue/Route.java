package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The router's decision for one leg: where the first (or only) slice trades and what the whole leg is expected to
 * give, against what the oracle says it is worth.
 *
 * @param kind        single venue, split across venues, or sliced over vault calls
 * @param fills       the venues of one slice and what each gets and gives (one entry unless split)
 * @param slices      number of equal slices (1 unless sliced); each later slice is routed afresh when it is due
 * @param amountIn    the whole leg's amount in
 * @param expectedOut what the whole leg is expected to give, before gas (slices assume the venues recover between them)
 * @param gasCostOut  gas of the swaps (and of the extra calls when sliced), in raw tokenOut
 * @param oracleOut   what amountIn is worth at the oracle's prices, in raw tokenOut
 * @param impactBps   price impact of the chosen route at once, against the best venue's marginal price (bps)
 */
public record Route(Kind kind, List<Fill> fills, int slices, BigInteger amountIn, BigInteger expectedOut,
        BigInteger gasCostOut, BigInteger oracleOut, BigDecimal impactBps) {
    public enum Kind { SINGLE, SPLIT, SLICED }

    /** One venue's part of a slice. */
    public record Fill(String venue, String kind, BigInteger amountIn, BigInteger expectedOut) {}

    public Route {
        fills = List.copyOf(fills);
    }

    /** Output after gas, raw tokenOut: what the router maximises. */
    public BigInteger netOut() {
        return expectedOut.subtract(gasCostOut);
    }

    /** (oracle − expected) / oracle in bps: fees, impact and venue-vs-oracle price together; negative is better. */
    public BigDecimal slippageBps() {
        return bps(oracleOut.subtract(expectedOut));
    }

    /** Slippage with gas counted: the execution cost against the oracle-implied value. */
    public BigDecimal costBps() {
        return bps(oracleOut.subtract(netOut()));
    }

    /** The amount the first slice sells (the whole leg unless sliced). */
    public BigInteger sliceAmountIn() {
        return fills.stream().map(Fill::amountIn).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The venues of the first slice, in order. */
    public List<String> venues() {
        return fills.stream().map(Fill::venue).toList();
    }

    /** One line for the keeper's log and journal. */
    public String describe() {
        String where = fills.stream().map(f -> f.venue() + " (" + f.kind() + ") " + f.amountIn() + " -> " + f.expectedOut())
                .collect(Collectors.joining(" + "));
        String how = switch (kind) {
            case SINGLE -> "single venue";
            case SPLIT -> "split over " + fills.size() + " venues";
            case SLICED -> slices + " slices (impact at once " + impactBps.setScale(1, RoundingMode.HALF_UP) + " bps); first";
        };
        return how + ": " + where + "; expected out " + expectedOut + ", oracle-implied " + oracleOut + ", slippage "
                + slippageBps().setScale(2, RoundingMode.HALF_UP).toPlainString() + " bps";
    }

    private BigDecimal bps(BigInteger shortfall) {
        return new BigDecimal(shortfall).multiply(BigDecimal.valueOf(10_000))
                .divide(new BigDecimal(oracleOut), 6, RoundingMode.HALF_UP);
    }
}
