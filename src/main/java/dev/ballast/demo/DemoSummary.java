package dev.ballast.demo;

import java.math.BigDecimal;

/** What a demo run showed, for its closing screen and for the end-to-end test. */
public record DemoSummary(int steps, int rebalances, long gasUsed, int refusals, BigDecimal finalDrift, BigDecimal band,
        BigDecimal navStart, BigDecimal navEnd, BigDecimal holdEnd, boolean attackAttempted, boolean attackRefusedByKeeper,
        boolean attackRevertedOnChain, String attackRevert) {
    public boolean endedWithinBand() {
        return finalDrift.compareTo(band) <= 0;
    }
}
