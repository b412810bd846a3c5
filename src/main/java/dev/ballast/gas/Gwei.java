package dev.ballast.gas;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Wei ↔ gwei for messages; arithmetic stays in wei. */
public final class Gwei {
    private Gwei() {
    }

    /** Exact gwei value of {@code wei}, without trailing zeros. */
    public static String format(BigInteger wei) {
        return new BigDecimal(wei).movePointLeft(9).stripTrailingZeros().toPlainString();
    }
}
