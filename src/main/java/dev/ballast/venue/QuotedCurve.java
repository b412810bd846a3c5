package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A venue known only through its own {@code quoteExactIn}, asked at a ladder of amounts in one read: amounts between
 * two quoted points are interpolated linearly (rounded down), which under-states a concave curve, never over-states it;
 * amounts above the largest quoted one, or above a point the venue could not fill (quoted 0), are refused. For venues
 * whose state the keeper does not model (multi-hop paths, adapters it does not know); the kinds it models exactly use
 * their own curves.
 *
 * @param amountsIn  the quoted amounts, strictly increasing, all > 0
 * @param amountsOut the venue's answer for each (0: could not fill)
 */
public record QuotedCurve(String venue, String label, List<BigInteger> amountsIn, List<BigInteger> amountsOut, long gasPerSwap)
        implements VenueCurve {
    public QuotedCurve {
        Checks.name("venue", venue);
        amountsIn = List.copyOf(amountsIn);
        amountsOut = List.copyOf(amountsOut);
        if (amountsIn.isEmpty() || amountsIn.size() != amountsOut.size()) {
            throw new IllegalArgumentException("quotes of " + venue + ": " + amountsIn.size() + " amounts in, " + amountsOut.size() + " out");
        }
        BigInteger previous = BigInteger.ZERO;
        for (BigInteger a : amountsIn) {
            if (a.compareTo(previous) <= 0) throw new IllegalArgumentException("quoted amounts of " + venue + " must increase from > 0");
            previous = a;
        }
        for (BigInteger o : amountsOut) Checks.nonNegative("quoted amount out of " + venue, o);
        Checks.gas("gasPerSwap of " + venue, gasPerSwap);
    }

    @Override
    public Optional<BigInteger> amountOut(BigInteger amountIn) {
        Checks.nonNegative("amountIn", amountIn);
        if (amountIn.signum() == 0) return Optional.of(BigInteger.ZERO);
        BigInteger inLow = BigInteger.ZERO;
        BigInteger outLow = BigInteger.ZERO;
        for (int k = 0; k < amountsIn.size(); k++) {
            BigInteger inHigh = amountsIn.get(k);
            BigInteger outHigh = amountsOut.get(k);
            if (outHigh.signum() == 0) return Optional.empty(); // the venue cannot fill this point: nor anything above it
            if (amountIn.compareTo(inHigh) <= 0) {
                BigInteger out = outLow.add(outHigh.subtract(outLow).multiply(amountIn.subtract(inLow)).divide(inHigh.subtract(inLow)));
                return out.signum() == 0 ? Optional.empty() : Optional.of(out);
            }
            inLow = inHigh;
            outLow = outHigh;
        }
        return Optional.empty();
    }

    @Override
    public BigDecimal marginalRate() {
        return new BigDecimal(amountsOut.getFirst()).divide(new BigDecimal(amountsIn.getFirst()), BigMath.MC);
    }

    @Override
    public String kind() {
        return label;
    }
}
