package dev.ballast.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * How much of a vault's deposit cap its share supply uses ({@link VaultState#depositCap()}, issue 19 §3), worded once
 * for every place that shows it ({@code ballast status}, the dashboard): shares to 2 decimals rounded down, so a
 * figure never shows more room than there is; the share used to 2 decimals of a percent.
 *
 * @param cap    the cap in raw shares; 0 means uncapped
 * @param supply the share supply in raw shares
 */
public record DepositCapUse(BigInteger cap, BigInteger supply) {
    /** Vault shares have 18 decimals. */
    public static final int SHARE_DECIMALS = 18;

    public boolean capped() {
        return cap.signum() != 0;
    }

    /** "100000.00 shares, supply 25000.00 (25.00% used)"; only for a capped vault. */
    public String text() {
        return shares(cap) + " shares, supply " + shares(supply) + " (" + usedPct() + "% used)";
    }

    /** The share of the cap used, in percent to 2 decimals ("25.00"); only for a capped vault. */
    public String usedPct() {
        return new BigDecimal(supply).divide(new BigDecimal(cap), 4, RoundingMode.DOWN).movePointRight(2)
                .setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Raw shares as whole shares, 2 decimals, rounded down. */
    public static String shares(BigInteger raw) {
        return new BigDecimal(raw, SHARE_DECIMALS).setScale(2, RoundingMode.DOWN).toPlainString();
    }
}
