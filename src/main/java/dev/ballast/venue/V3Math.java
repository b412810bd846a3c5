package dev.ballast.venue;

import java.math.BigInteger;

/**
 * Uniswap V3 core's swap arithmetic in exact integers: TickMath.getSqrtRatioAtTick, SqrtPriceMath and
 * SwapMath.computeSwapStep (exact-input only), each rounding where the Solidity rounds, so a swap computed here pays
 * what the pool pays. Transcribed from @uniswap/v3-core 1.0.x (contracts/libraries).
 */
final class V3Math {
    static final int MIN_TICK = -887272;
    static final int MAX_TICK = 887272;
    static final BigInteger MIN_SQRT_RATIO = BigInteger.valueOf(4295128739L);
    static final BigInteger MAX_SQRT_RATIO = new BigInteger("1461446703485210103287273052203988822378723970342");
    static final BigInteger Q96 = BigInteger.ONE.shiftLeft(96);
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final BigInteger FEE_UNITS = BigInteger.valueOf(1_000_000);
    private static final String[] RATIOS = {"fff97272373d413259a46990580e213a", "fff2e50f5f656932ef12357cf3c7fdcc",
        "ffe5caca7e10e4e61c3624eaa0941cd0", "ffcb9843d60f6159c9db58835c926644", "ff973b41fa98c081472e6896dfb254c0",
        "ff2ea16466c96a3843ec78b326b52861", "fe5dee046a99a2a811c461f1969c3053", "fcbe86c7900a88aedcffc83b479aa3a4",
        "f987a7253ac413176f2b074cf7815e54", "f3392b0822b70005940c7a398e4b70f3", "e7159475a2c29b7443b29c7fa6e889d9",
        "d097f3bdfd2022b8845ad8f792aa5825", "a9f746462d870fdf8a65dc1f90e061e5", "70d869a156d2a1b890bb3df62baf32f7",
        "31be135f97d08fd981231505542fcfa6", "9aa508b5b7a84e1c677de54f3e99bc9", "5d6af8dedb81196699c329225ee604",
        "2216e584f5fa1ea926041bedfe98", "48a170391f7dc42444e8fa2"};
    private static final BigInteger[] RATIO_FACTORS = new BigInteger[RATIOS.length];

    static {
        for (int i = 0; i < RATIOS.length; i++) RATIO_FACTORS[i] = new BigInteger(RATIOS[i], 16);
    }

    private V3Math() {}

    /** sqrt(1.0001^tick) · 2^96, rounded up from Q128.128 as TickMath does. */
    static BigInteger sqrtRatioAtTick(int tick) {
        int absTick = Math.abs(tick);
        if (absTick > MAX_TICK) throw new IllegalArgumentException("tick " + tick + " outside [" + MIN_TICK + ", " + MAX_TICK + "]");
        BigInteger ratio = (absTick & 1) != 0 ? new BigInteger("fffcb933bd6fad37aa2d162d1a594001", 16)
                : BigInteger.ONE.shiftLeft(128);
        for (int bit = 1; bit < 20; bit++) {
            if ((absTick & (1 << bit)) != 0) ratio = ratio.multiply(RATIO_FACTORS[bit - 1]).shiftRight(128);
        }
        if (tick > 0) ratio = UINT256_MAX.divide(ratio);
        BigInteger[] qr = ratio.divideAndRemainder(BigInteger.ONE.shiftLeft(32));
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }

    /** One step of an exact-input swap: what moves the price from {@code current} toward {@code target}. */
    record Step(BigInteger sqrtNext, BigInteger amountIn, BigInteger amountOut, BigInteger fee) {}

    static Step computeSwapStep(BigInteger current, BigInteger target, BigInteger liquidity, BigInteger remaining, int feePips) {
        boolean zeroForOne = current.compareTo(target) >= 0;
        BigInteger fee = BigInteger.valueOf(feePips);
        BigInteger remainingLessFee = remaining.multiply(FEE_UNITS.subtract(fee)).divide(FEE_UNITS);
        BigInteger amountIn = zeroForOne ? amount0Delta(target, current, liquidity, true)
                : amount1Delta(current, target, liquidity, true);
        BigInteger next = remainingLessFee.compareTo(amountIn) >= 0 ? target
                : nextSqrtPriceFromInput(current, liquidity, remainingLessFee, zeroForOne);
        boolean max = target.equals(next);
        BigInteger amountOut;
        if (zeroForOne) {
            if (!max) amountIn = amount0Delta(next, current, liquidity, true);
            amountOut = amount1Delta(next, current, liquidity, false);
        } else {
            if (!max) amountIn = amount1Delta(current, next, liquidity, true);
            amountOut = amount0Delta(current, next, liquidity, false);
        }
        BigInteger feeAmount = !next.equals(target) ? remaining.subtract(amountIn)
                : mulDivUp(amountIn, fee, FEE_UNITS.subtract(fee));
        return new Step(next, amountIn, amountOut, feeAmount);
    }

    static BigInteger amount0Delta(BigInteger a, BigInteger b, BigInteger liquidity, boolean roundUp) {
        if (a.compareTo(b) > 0) {
            BigInteger t = a;
            a = b;
            b = t;
        }
        BigInteger numerator1 = liquidity.shiftLeft(96);
        BigInteger numerator2 = b.subtract(a);
        return roundUp ? divUp(mulDivUp(numerator1, numerator2, b), a) : numerator1.multiply(numerator2).divide(b).divide(a);
    }

    static BigInteger amount1Delta(BigInteger a, BigInteger b, BigInteger liquidity, boolean roundUp) {
        BigInteger diff = a.subtract(b).abs();
        return roundUp ? mulDivUp(liquidity, diff, Q96) : liquidity.multiply(diff).divide(Q96);
    }

    static BigInteger nextSqrtPriceFromInput(BigInteger sqrtP, BigInteger liquidity, BigInteger amountIn, boolean zeroForOne) {
        if (zeroForOne) {
            if (amountIn.signum() == 0) return sqrtP;
            BigInteger numerator1 = liquidity.shiftLeft(96);
            BigInteger product = amountIn.multiply(sqrtP);
            if (product.compareTo(UINT256_MAX) <= 0) {
                BigInteger denominator = numerator1.add(product);
                if (denominator.compareTo(UINT256_MAX) <= 0) return mulDivUp(numerator1, sqrtP, denominator);
            }
            return divUp(numerator1, numerator1.divide(sqrtP).add(amountIn));
        }
        return sqrtP.add(amountIn.shiftLeft(96).divide(liquidity));
    }

    static BigInteger mulDivUp(BigInteger a, BigInteger b, BigInteger d) {
        return divUp(a.multiply(b), d);
    }

    static BigInteger divUp(BigInteger a, BigInteger d) {
        BigInteger[] qr = a.divideAndRemainder(d);
        return qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
    }
}
