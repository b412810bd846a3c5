package dev.ballast.policy;

import static dev.ballast.policy.FixedPoint.WAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FixedPointTest {

    @Test
    void smallProductsUseExactLongDivision() {
        assertThat(FixedPoint.mulDivDown(7, 3, 2)).isEqualTo(10);
        assertThat(FixedPoint.mulDivUp(7, 3, 2)).isEqualTo(11);
        assertThat(FixedPoint.mulDivUp(6, 3, 2)).isEqualTo(9);
        assertThat(FixedPoint.mulDivDown(0, 5, 3)).isZero();
    }

    @Test
    void wideProductsDivideExactly() {
        // 1e14 value units (1M numeraire) × 1/3 in WAD: the product is 3.3e31, far beyond 64 bits.
        long third = 333_333_333_333_333_333L;
        assertThat(FixedPoint.mulWadDown(100_000_000_000_000L, third)).isEqualTo(33_333_333_333_333L);
        assertThat(FixedPoint.mulWadUp(100_000_000_000_000L, third)).isEqualTo(33_333_333_333_334L);
        assertThat(FixedPoint.divWadDown(1, 3)).isEqualTo(third);
        assertThat(FixedPoint.mulDivDown(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(FixedPoint.mulDivUp(Long.MAX_VALUE, Long.MAX_VALUE - 1, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE - 1);
    }

    @Test
    void resultsBeyondALongThrow() {
        assertThatThrownBy(() -> FixedPoint.mulDivDown(Long.MAX_VALUE, 2, 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.mulDivDown(Long.MAX_VALUE, WAD, WAD - 1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.mulDivDown(-1, 2, 3)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> FixedPoint.mulDivDown(1, 2, 0)).isInstanceOf(ArithmeticException.class);
    }

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    /** Property: mulDivDown/Up agree with BigInteger on operands across the whole long range, or both overflow. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mulDivMatchesBigInteger(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            long a = anyMagnitude(random);
            long b = anyMagnitude(random);
            long c = Math.max(1, anyMagnitude(random));
            BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            BigInteger down = product.divide(BigInteger.valueOf(c));
            BigInteger up = new java.math.BigDecimal(product)
                    .divide(new java.math.BigDecimal(c), 0, RoundingMode.CEILING).toBigIntegerExact();
            checkAgainst(down, () -> FixedPoint.mulDivDown(a, b, c));
            checkAgainst(up, () -> FixedPoint.mulDivUp(a, b, c));
        }
    }

    /** Property: the policy's typical shape, weight × value / NAV, is exact. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mulDivMatchesBigIntegerNearTheWadScale(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            long weight = random.nextLong(WAD + 1);
            long value = random.nextLong(9_000_000_000_000_000L);
            long nav = value + random.nextLong(1, 9_000_000_000_000_000L);
            BigInteger expected = BigInteger.valueOf(weight).multiply(BigInteger.valueOf(value))
                    .divide(BigInteger.valueOf(nav));
            checkAgainst(expected, () -> FixedPoint.mulDivDown(weight, value, nav));
        }
    }

    /** Property: results close to the long limit take the long-division path or throw, never a wrong answer. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void resultsNearTheLongLimitAreExactOrThrow(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            long c = Math.max(1, anyMagnitude(random));
            long a = Math.max(1, anyMagnitude(random));
            BigInteger wanted = BigInteger.valueOf(8_800_000_000_000_000_000L)
                    .add(BigInteger.valueOf(random.nextLong(600_000_000_000_000_000L)));
            BigInteger bBig = wanted.multiply(BigInteger.valueOf(c)).divide(BigInteger.valueOf(a));
            if (bBig.bitLength() > 63) continue;
            long b = bBig.longValueExact();
            BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
            checkAgainst(product.divide(BigInteger.valueOf(c)), () -> FixedPoint.mulDivDown(a, b, c));
        }
    }

    /** Property: the estimate-and-correct path and plain long division agree. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bothDivisionPathsAgree(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            long a = anyMagnitude(random);
            long b = anyMagnitude(random);
            long c = Math.max(1, anyMagnitude(random));
            long hi = Math.multiplyHigh(a, b);
            if (Long.compareUnsigned(hi, c) >= 0) continue;
            long viaLongDivision = FixedPoint.divide128(hi, a * b, c, false);
            // beyond a signed long (or rounding up past it) mulDiv throws: covered above
            if (viaLongDivision < 0 || viaLongDivision == Long.MAX_VALUE) continue;
            assertThat(FixedPoint.mulDivDown(a, b, c)).isEqualTo(viaLongDivision);
            assertThat(FixedPoint.mulDivUp(a, b, c)).isEqualTo(FixedPoint.divide128(hi, a * b, c, true));
        }
    }

    /** A non-negative long whose bit length is uniform, so small, medium and huge operands all occur. */
    private static long anyMagnitude(SplittableRandom random) {
        int bits = random.nextInt(64);
        return bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
    }

    private static void checkAgainst(BigInteger expected, java.util.function.LongSupplier actual) {
        if (expected.bitLength() <= 63) {
            assertThat(actual.getAsLong()).isEqualTo(expected.longValueExact());
        } else {
            assertThatThrownBy(actual::getAsLong).isInstanceOf(ArithmeticException.class);
        }
    }
}
