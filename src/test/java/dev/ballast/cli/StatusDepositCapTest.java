package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class StatusDepositCapTest {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    @Test
    void showsHowMuchOfTheCapTheSupplyUses() {
        assertThat(StatusCommand.depositCap(E18.multiply(BigInteger.valueOf(100_000)), E18.multiply(BigInteger.valueOf(25_000))))
                .isEqualTo("deposit cap: 100000.00 shares, supply 25000.00 (25.00% used)");
    }

    @Test
    void zeroIsUncappedAndAnOlderVaultIsSaidToHaveNone() {
        assertThat(StatusCommand.depositCap(BigInteger.ZERO, E18)).isEqualTo("deposit cap: none (uncapped)");
        assertThat(StatusCommand.depositCap(null, E18)).contains("not supported by this vault");
    }

    @Test
    void aCapBelowTheSupplyShowsAboveOneHundredPercent() {
        assertThat(StatusCommand.depositCap(E18, E18.multiply(BigInteger.TWO))).endsWith("(200.00% used)");
    }
}
