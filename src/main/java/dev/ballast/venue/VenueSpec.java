package dev.ballast.venue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A venue described by its kind, fee and liquidity in the numeraire, from which a curve for any pair at given prices
 * is built. What "liquidity" means per kind:
 * <ul>
 *   <li>{@code v2}: the value of each reserve (a $20M pair is {@code v2:30:10e6}).</li>
 *   <li>{@code balancer} / {@code ballast} (weighted): the pool's total value, split by the weights ({@code 80/20}:
 *       the pair's first token holds 80%).</li>
 *   <li>{@code v3}: the active liquidity at the price as the value of one virtual reserve, sqrt(x·y) in numeraire
 *       terms. It is laid out as a typical profile: 60% of it within ±{@code rangePct}, 30% within ±3×, 10% within
 *       ±10× (so a large trade crosses ranges and meets thinner liquidity).</li>
 * </ul>
 *
 * @param feePips    fee in millionths (500 = 0.05%)
 * @param weightFirst weighted pools: normalised weight of the pair's first token (ignored otherwise)
 * @param rangePct   v3: half-width of the innermost range in percent of the price (ignored otherwise)
 */
public record VenueSpec(String name, Kind kind, int feePips, BigDecimal liquidity, BigDecimal weightFirst, BigDecimal rangePct,
        long gasPerSwap) {
    public enum Kind {
        V2(100_000), V3(125_000), BALANCER(135_000), BALLAST(150_000);

        /** Gas of one swap through this kind's adapter when no figure is given (modelled, not measured). */
        public final long defaultGas;

        Kind(long defaultGas) {
            this.defaultGas = defaultGas;
        }
    }

    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final double[][] V3_PROFILE = {{0.6, 1}, {0.3, 3}, {0.1, 10}};

    public VenueSpec {
        Checks.name("venue name", name);
        if (kind == null) throw new IllegalArgumentException("kind of venue " + name + " is required");
        Checks.fee("fee of venue " + name, feePips);
        if (liquidity == null || liquidity.signum() <= 0) {
            throw new IllegalArgumentException("liquidity of venue " + name + " must be > 0, got " + liquidity);
        }
        if (weightFirst == null) weightFirst = HALF;
        if (weightFirst.compareTo(new BigDecimal("0.01")) < 0 || weightFirst.compareTo(new BigDecimal("0.99")) > 0) {
            throw new IllegalArgumentException("weight of venue " + name + " must be in [0.01, 0.99], got " + weightFirst);
        }
        if (rangePct == null) rangePct = BigDecimal.TEN;
        if (rangePct.signum() <= 0 || rangePct.compareTo(BigDecimal.TEN) > 0) {
            throw new IllegalArgumentException("range of venue " + name + " must be in (0, 10] percent, got " + rangePct);
        }
        Checks.gas("gas of venue " + name, gasPerSwap);
    }

    /**
     * Parses {@code KIND:FEE_BPS:LIQUIDITY[:OPTION]}: {@code v3:5:150e6[:RANGE_PCT]}, {@code v2:30:20e6},
     * {@code balancer:30:40e6[:80/20]}, {@code ballast:30:5e6[:60/40]}. The error names the part that is wrong.
     */
    public static VenueSpec parse(String text) {
        String[] p = text.trim().split(":");
        if (p.length < 3 || p.length > 4) {
            throw new IllegalArgumentException("venue '" + text + "': expected KIND:FEE_BPS:LIQUIDITY[:OPTION], e.g. v3:5:150e6");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(p[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("venue '" + text + "': kind '" + p[0] + "' is not one of v2, v3, balancer, ballast");
        }
        BigDecimal feeBps = number(text, "fee", p[1]);
        BigDecimal pips = feeBps.multiply(BigDecimal.valueOf(100));
        if (pips.stripTrailingZeros().scale() > 0 || feeBps.signum() < 0 || feeBps.compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            throw new IllegalArgumentException("venue '" + text + "': fee " + p[1] + " bps must be in [0, 10000) in steps of 0.01");
        }
        BigDecimal liquidity = number(text, "liquidity", p[2]);
        BigDecimal weight = null;
        BigDecimal range = null;
        if (p.length == 4) {
            if (kind == Kind.V3) {
                range = number(text, "range", p[3]);
            } else if (kind == Kind.BALANCER || kind == Kind.BALLAST) {
                String[] w = p[3].split("/");
                if (w.length != 2) throw new IllegalArgumentException("venue '" + text + "': weights '" + p[3] + "' must look like 80/20");
                BigDecimal a = number(text, "weights", w[0]);
                BigDecimal b = number(text, "weights", w[1]);
                weight = a.divide(a.add(b), BigMath.MC);
            } else {
                throw new IllegalArgumentException("venue '" + text + "': a v2 venue takes no fourth part");
            }
        }
        String name = kind.name().toLowerCase(Locale.ROOT) + " " + feeBps.divide(BigDecimal.valueOf(100)).stripTrailingZeros().toPlainString() + "%"
                + (weight == null ? "" : " " + p[3]);
        try {
            return new VenueSpec(name, kind, pips.intValueExact(), liquidity, weight, range, kind.defaultGas);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("venue '" + text + "': " + e.getMessage());
        }
    }

    private static BigDecimal number(String text, String part, String value) {
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("venue '" + text + "': " + part + " '" + value + "' is not a number");
        }
    }

    /**
     * The curve for selling {@code in} for {@code out} on this venue, the pool holding {@code first} as its first token
     * (V3 token0; the weighted pool's first weight) and the prices of both tokens at their given prices.
     */
    public VenueCurve curve(Token in, Token out, boolean inIsFirst) {
        Token first = inIsFirst ? in : out;
        Token second = inIsFirst ? out : in;
        return switch (kind) {
            case V2 -> new ConstantProductCurve(name, in.raw(liquidity), out.raw(liquidity), feePips, gasPerSwap);
            case BALANCER, BALLAST -> {
                BigDecimal wIn = inIsFirst ? weightFirst : BigDecimal.ONE.subtract(weightFirst);
                BigDecimal wOut = BigDecimal.ONE.subtract(wIn);
                yield new WeightedCurve(name, kind.name().toLowerCase(Locale.ROOT), in.raw(liquidity.multiply(wIn)), in.decimals(),
                        wad(wIn), out.raw(liquidity.multiply(wOut)), out.decimals(), wad(wOut),
                        BigInteger.valueOf(feePips).multiply(BigInteger.TEN.pow(12)), gasPerSwap);
            }
            case V3 -> v3(first, second, inIsFirst);
        };
    }

    private VenueCurve v3(Token t0, Token t1, boolean zeroForOne) {
        // raw price of token0 in token1, its sqrt in Q96, and L = sqrt(x_raw · y_raw) of the virtual reserves
        BigDecimal price = t0.price().divide(t1.price(), BigMath.MC).movePointRight(t1.decimals() - t0.decimals());
        BigInteger sqrtPriceX96 = price.sqrt(BigMath.MC).multiply(new BigDecimal(V3Math.Q96)).toBigInteger();
        BigDecimal l = new BigDecimal(t0.raw(liquidity)).multiply(new BigDecimal(t1.raw(liquidity))).sqrt(BigMath.MC);
        int spacing = feePips <= 100 ? 1 : feePips <= 500 ? 10 : feePips <= 3000 ? 60 : 200;
        int tick = ConcentratedCurve.tickAtSqrtRatio(sqrtPriceX96);
        List<ConcentratedCurve.Position> positions = new ArrayList<>();
        for (double[] tier : V3_PROFILE) {
            double width = rangePct.doubleValue() / 100 * tier[1];
            int lower = Math.max(V3Math.MIN_TICK, tickOf(Math.max(1e-9, 1 - width)) + tick);
            int upper = Math.min(V3Math.MAX_TICK, tickOf(1 + width) + tick);
            lower = Math.floorDiv(lower, spacing) * spacing;
            upper = Math.max(lower + spacing, Math.floorDiv(upper, spacing) * spacing + spacing);
            BigInteger share = l.multiply(BigDecimal.valueOf(tier[0])).setScale(0, RoundingMode.DOWN).toBigInteger();
            positions.add(new ConcentratedCurve.Position(lower, upper, share));
        }
        return ConcentratedCurve.of(name, zeroForOne, sqrtPriceX96, spacing, positions, feePips, gasPerSwap);
    }

    private static int tickOf(double ratio) {
        return (int) Math.round(Math.log(ratio) / Math.log(1.0001));
    }

    private static BigInteger wad(BigDecimal fraction) {
        return fraction.movePointRight(18).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
    }
}
