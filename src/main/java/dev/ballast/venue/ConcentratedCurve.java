package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Uniswap V3 pool in one direction. The swap walks the pool's initialized ticks exactly as {@code UniswapV3Pool.swap}
 * does, including its stops at tick-bitmap word boundaries (each step rounds on its own, so the stops matter to the
 * wei), and crosses ranges by adding their {@code liquidityNet}.
 *
 * @param zeroForOne   true when the token sold is the pool's token0
 * @param sqrtPriceX96 slot0.sqrtPriceX96
 * @param tick         slot0.tick
 * @param liquidity    the pool's active liquidity
 * @param tickSpacing  the pool's tick spacing (10 for 0.05%, 60 for 0.3%)
 * @param liquidityNet liquidityNet of every initialized tick
 * @param feePips      fee in millionths (500 = 0.05%)
 */
public record ConcentratedCurve(String venue, boolean zeroForOne, BigInteger sqrtPriceX96, int tick, BigInteger liquidity,
        int tickSpacing, NavigableMap<Integer, BigInteger> liquidityNet, int feePips, long gasPerSwap) implements VenueCurve {

    /** A liquidity position: {@code liquidity} active for ticks in [lower, upper). */
    public record Position(int lower, int upper, BigInteger liquidity) {}

    public ConcentratedCurve {
        Checks.name("venue", venue);
        if (sqrtPriceX96 == null || sqrtPriceX96.compareTo(V3Math.MIN_SQRT_RATIO) < 0
                || sqrtPriceX96.compareTo(V3Math.MAX_SQRT_RATIO) >= 0) {
            throw new IllegalArgumentException("sqrtPriceX96 of " + venue + " outside the V3 range: " + sqrtPriceX96);
        }
        Checks.nonNegative("liquidity of " + venue, liquidity);
        if (tickSpacing <= 0) throw new IllegalArgumentException("tickSpacing of " + venue + " must be > 0, got " + tickSpacing);
        Checks.fee("feePips of " + venue, feePips);
        Checks.gas("gasPerSwap of " + venue, gasPerSwap);
        for (Map.Entry<Integer, BigInteger> e : liquidityNet.entrySet()) {
            if (e.getKey() % tickSpacing != 0) {
                throw new IllegalArgumentException("initialized tick " + e.getKey() + " of " + venue
                        + " is not a multiple of the tick spacing " + tickSpacing);
            }
        }
        liquidityNet = Collections.unmodifiableNavigableMap(new TreeMap<>(liquidityNet));
    }

    /**
     * A pool holding {@code positions}, with its price at {@code sqrtPriceX96}: the active liquidity and each tick's
     * net are derived as the pool would keep them.
     */
    public static ConcentratedCurve of(String venue, boolean zeroForOne, BigInteger sqrtPriceX96, int tickSpacing,
            List<Position> positions, int feePips, long gasPerSwap) {
        int tick = tickAtSqrtRatio(sqrtPriceX96);
        TreeMap<Integer, BigInteger> net = new TreeMap<>();
        BigInteger active = BigInteger.ZERO;
        for (Position p : positions) {
            if (p.lower() >= p.upper()) throw new IllegalArgumentException("position of " + venue + ": lower >= upper " + p);
            net.merge(p.lower(), p.liquidity(), BigInteger::add);
            net.merge(p.upper(), p.liquidity().negate(), BigInteger::add);
            if (p.lower() <= tick && tick < p.upper()) active = active.add(p.liquidity());
        }
        return new ConcentratedCurve(venue, zeroForOne, sqrtPriceX96, tick, active, tickSpacing, net, feePips, gasPerSwap);
    }

    /** The greatest tick whose sqrt ratio is at or below {@code sqrtPriceX96} (TickMath.getTickAtSqrtRatio). */
    public static int tickAtSqrtRatio(BigInteger sqrtPriceX96) {
        int lo = V3Math.MIN_TICK;
        int hi = V3Math.MAX_TICK;
        while (lo < hi) {
            int mid = (int) Math.floorDiv((long) lo + hi + 1, 2);
            if (V3Math.sqrtRatioAtTick(mid).compareTo(sqrtPriceX96) <= 0) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    @Override
    public Optional<BigInteger> amountOut(BigInteger amountIn) {
        Checks.nonNegative("amountIn", amountIn);
        BigInteger limit = zeroForOne ? V3Math.MIN_SQRT_RATIO.add(BigInteger.ONE) : V3Math.MAX_SQRT_RATIO.subtract(BigInteger.ONE);
        BigInteger remaining = amountIn;
        BigInteger out = BigInteger.ZERO;
        BigInteger price = sqrtPriceX96;
        BigInteger active = liquidity;
        int current = tick;
        while (remaining.signum() > 0 && !price.equals(limit)) {
            if (active.signum() == 0 && nothingBeyond(current)) return Optional.empty(); // the pool has run dry
            Next next = nextInitialized(current);
            int tickNext = Math.max(V3Math.MIN_TICK, Math.min(V3Math.MAX_TICK, next.tick()));
            BigInteger priceNext = V3Math.sqrtRatioAtTick(tickNext);
            BigInteger target = (zeroForOne ? priceNext.compareTo(limit) < 0 : priceNext.compareTo(limit) > 0) ? limit : priceNext;
            V3Math.Step step = V3Math.computeSwapStep(price, target, active, remaining, feePips);
            remaining = remaining.subtract(step.amountIn().add(step.fee()));
            out = out.add(step.amountOut());
            if (step.sqrtNext().equals(priceNext)) {
                if (next.initialized()) {
                    BigInteger net = liquidityNet.get(tickNext);
                    active = zeroForOne ? active.subtract(net) : active.add(net);
                }
                current = zeroForOne ? tickNext - 1 : tickNext;
            }
            price = step.sqrtNext();
        }
        if (remaining.signum() > 0) return Optional.empty(); // the venue must spend exactly amountIn
        return out.signum() == 0 ? Optional.empty() : Optional.of(out);
    }

    @Override
    public BigDecimal marginalRate() {
        BigDecimal sqrt = new BigDecimal(sqrtPriceX96).divide(new BigDecimal(V3Math.Q96), BigMath.MC);
        BigDecimal oneForZero = sqrt.multiply(sqrt, BigMath.MC);
        BigDecimal rate = zeroForOne ? oneForZero : BigDecimal.ONE.divide(oneForZero, BigMath.MC);
        return rate.multiply(BigDecimal.valueOf(1_000_000 - feePips).movePointLeft(6), BigMath.MC);
    }

    @Override
    public String kind() {
        return "v3 " + Checks.percent(feePips);
    }

    private record Next(int tick, boolean initialized) {}

    /** TickBitmap.nextInitializedTickWithinOneWord over the initialized ticks, by search instead of a bitmap. */
    private Next nextInitialized(int current) {
        int compressed = Math.floorDiv(current, tickSpacing);
        if (zeroForOne) {
            int wordStart = (compressed >> 8) << 8;
            Integer found = liquidityNet.floorKey(compressed * tickSpacing);
            if (found != null && found / tickSpacing >= wordStart) return new Next(found, true);
            return new Next(wordStart * tickSpacing, false);
        }
        int from = compressed + 1;
        int wordEnd = ((from >> 8) << 8) + 255;
        Integer found = liquidityNet.ceilingKey(from * tickSpacing);
        if (found != null && found / tickSpacing <= wordEnd) return new Next(found, true);
        return new Next(wordEnd * tickSpacing, false);
    }

    private boolean nothingBeyond(int current) {
        return zeroForOne ? liquidityNet.floorKey(current) == null : liquidityNet.higherKey(current) == null;
    }
}
