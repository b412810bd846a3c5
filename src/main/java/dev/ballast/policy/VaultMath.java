package dev.ballast.policy;

import java.math.BigInteger;
import java.util.List;

/**
 * The keeper's exact copy of the vault's arithmetic (contracts/src/vault/VaultMath.sol): unsigned 256-bit integers,
 * the same operations in the same order, the same rounding, and the same failures. Solidity's checked arithmetic
 * reverts with {@code Panic(0x11)} on overflow and {@code Panic(0x12)} on division by zero; here both throw
 * {@link Panic}, so a caller refuses exactly where the vault would revert. Pinned to the contract by
 * VaultRulesDifferentialTest.
 */
public final class VaultMath {
    public static final BigInteger ONE = BigInteger.TEN.pow(18);
    public static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private VaultMath() {}

    /** Solidity's checked-arithmetic failure: code 0x11 overflow, 0x12 division by zero. */
    public static final class Panic extends ArithmeticException {
        private final int code;

        Panic(int code, String what) {
            super(String.format("Panic(0x%02x): %s", code, what));
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The vault's revert, as the revert decoder names it. */
        public String errorName() {
            return String.format("Panic(0x%02x)", code);
        }
    }

    static BigInteger mul(BigInteger a, BigInteger b) {
        BigInteger p = a.multiply(b);
        if (p.compareTo(MAX_UINT256) > 0) throw new Panic(0x11, a + " * " + b + " overflows uint256");
        return p;
    }

    static BigInteger div(BigInteger a, BigInteger b) {
        if (b.signum() == 0) throw new Panic(0x12, a + " / 0");
        return a.divide(b);
    }

    public static BigInteger mulDivDown(BigInteger a, BigInteger b, BigInteger c) {
        return div(mul(a, b), c);
    }

    public static BigInteger mulDivUp(BigInteger a, BigInteger b, BigInteger c) {
        BigInteger p = mul(a, b);
        return p.signum() == 0 ? BigInteger.ZERO : div(p.subtract(BigInteger.ONE), c).add(BigInteger.ONE);
    }

    /** {@code |a - ref| / ref}, rounded up; {@code 2^256 - 1} when {@code ref} is zero (no bound admits it). */
    public static BigInteger relDiffUp(BigInteger a, BigInteger ref) {
        if (ref.signum() == 0) return MAX_UINT256;
        return mulDivUp(a.subtract(ref).abs(), ONE, ref);
    }

    /** Price of {@code base} in {@code quote} (18 decimals) from two numeraire prices, rounded down. */
    public static BigInteger crossPrice(BigInteger basePrice, BigInteger quotePrice) {
        return mulDivDown(basePrice, ONE, quotePrice);
    }

    /**
     * The vault's weights (VaultMath.valuesDown then weightsDown): per-asset value {@code floor(balance × price /
     * 10^decimals)}, weight {@code floor(value × 1e18 / NAV)}, all zero when NAV is zero.
     */
    public static BigInteger[] weightsDown(List<BigInteger> balances, List<BigInteger> prices, List<Integer> decimals) {
        int n = balances.size();
        BigInteger[] values = new BigInteger[n];
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            values[i] = mulDivDown(balances.get(i), prices.get(i), BigInteger.TEN.pow(decimals.get(i)));
            total = total.add(values[i]);
            if (total.compareTo(MAX_UINT256) > 0) throw new Panic(0x11, "NAV overflows uint256");
        }
        BigInteger[] weights = new BigInteger[n];
        for (int i = 0; i < n; i++) weights[i] = total.signum() == 0 ? BigInteger.ZERO : mulDivDown(values[i], ONE, total);
        return weights;
    }
}
