package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A weighted pool (Ballast {@code WeightedPool}, Balancer V2 weighted) in one direction. Amounts are scaled to 18
 * decimals, the fee is taken from the scaled amount in (rounded up, as the Ballast pool does), and
 * {@code out = B_out·(1 − (B_in / (B_in + A_in))^(w_in / w_out))} rounded down, then scaled back down.
 *
 * <p>Equal weights give the constant-product integer formula, exact to the wei. Unequal weights are computed at 60
 * digits and rounded down; the on-chain Q96 math rounds below the exact value by at most its documented bound
 * (WeightedMath.sol: exact·8.7e-19 + B·(20w + 88)·2^-96 + 1 wei), so this model overstates by at most that. A trade
 * above 30% of the balance in is refused, as both pools refuse it. (Balancer V2 takes the fee from the raw amount
 * before scaling: at most one raw unit of the input apart.)
 *
 * @param weightIn  normalised weight of the token sold, 18 decimals
 * @param weightOut normalised weight of the token bought, 18 decimals
 * @param swapFee   fee, 18 decimals (0.003e18 = 0.3%)
 * @param label     what the venue is, for tables ("ballast", "balancer 80/20")
 */
public record WeightedCurve(String venue, String label, BigInteger balanceIn, int decimalsIn, BigInteger weightIn,
        BigInteger balanceOut, int decimalsOut, BigInteger weightOut, BigInteger swapFee, long gasPerSwap)
        implements VenueCurve {
    static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final BigInteger MAX_IN_RATIO = new BigInteger("300000000000000000");

    public WeightedCurve {
        Checks.name("venue", venue);
        Checks.positive("balanceIn of " + venue, balanceIn);
        Checks.positive("balanceOut of " + venue, balanceOut);
        decimals("decimalsIn of " + venue, decimalsIn);
        decimals("decimalsOut of " + venue, decimalsOut);
        weight("weightIn of " + venue, weightIn);
        weight("weightOut of " + venue, weightOut);
        if (swapFee == null || swapFee.signum() < 0 || swapFee.compareTo(WAD) >= 0) {
            throw new IllegalArgumentException("swapFee of " + venue + " must be in [0, 1e18), got " + swapFee);
        }
        Checks.gas("gasPerSwap of " + venue, gasPerSwap);
    }

    @Override
    public Optional<BigInteger> amountOut(BigInteger amountIn) {
        Checks.nonNegative("amountIn", amountIn);
        if (amountIn.signum() == 0) return Optional.of(BigInteger.ZERO);
        BigInteger scaleIn = scale(decimalsIn);
        BigInteger scaleOut = scale(decimalsOut);
        BigInteger scaled = amountIn.multiply(scaleIn);
        BigInteger net = scaled.subtract(mulUp(scaled, swapFee));
        BigInteger bIn = balanceIn.multiply(scaleIn);
        BigInteger bOut = balanceOut.multiply(scaleOut);
        if (net.compareTo(bIn.multiply(MAX_IN_RATIO).divide(WAD)) > 0) return Optional.empty();
        BigInteger out;
        if (weightIn.equals(weightOut)) {
            out = bOut.multiply(net).divide(bIn.add(net));
        } else {
            BigDecimal lnRatio = BigMath.ln(new BigDecimal(bIn).divide(new BigDecimal(bIn.add(net)), BigMath.MC));
            BigDecimal t = lnRatio.multiply(new BigDecimal(weightIn), BigMath.MC).divide(new BigDecimal(weightOut), BigMath.MC);
            out = new BigDecimal(bOut).multiply(BigMath.expm1(t).negate(), BigMath.MC).setScale(0, RoundingMode.DOWN)
                    .toBigIntegerExact();
        }
        out = out.divide(scaleOut);
        return out.signum() == 0 ? Optional.empty() : Optional.of(out);
    }

    @Override
    public BigDecimal marginalRate() {
        // (B_out / w_out) / (B_in / w_in) in scaled units, back to raw units, after the fee
        BigDecimal num = new BigDecimal(balanceOut.multiply(scale(decimalsOut)).multiply(weightIn));
        BigDecimal den = new BigDecimal(balanceIn.multiply(scale(decimalsIn)).multiply(weightOut));
        BigDecimal scaled = num.divide(den, BigMath.MC);
        BigDecimal raw = scaled.multiply(new BigDecimal(scale(decimalsIn)), BigMath.MC)
                .divide(new BigDecimal(scale(decimalsOut)), BigMath.MC);
        return raw.multiply(BigDecimal.ONE.subtract(new BigDecimal(swapFee).movePointLeft(18)), BigMath.MC);
    }

    @Override
    public String kind() {
        return label + " " + new BigDecimal(swapFee).movePointLeft(16).stripTrailingZeros().toPlainString() + "%";
    }

    private static BigInteger mulUp(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.multiply(b).divideAndRemainder(WAD);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    private static BigInteger scale(int decimals) {
        return BigInteger.TEN.pow(18 - decimals);
    }

    private static void decimals(String field, int decimals) {
        if (decimals < 0 || decimals > 18) throw new IllegalArgumentException(field + " must be in [0, 18], got " + decimals);
    }

    private static void weight(String field, BigInteger w) {
        if (w == null || w.signum() <= 0 || w.compareTo(WAD) > 0) {
            throw new IllegalArgumentException(field + " must be in (0, 1e18], got " + w);
        }
    }
}
