package dev.ballast.gas;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

final class GasFixtures {
    static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private GasFixtures() {
    }

    static BigInteger gwei(long n) {
        return BigInteger.valueOf(n).multiply(GWEI);
    }

    /** Cap 100 gwei, priority in [1, 5] gwei, 12% bump. */
    static GasPolicy policy() {
        return new GasPolicy(10, 50, gwei(100), gwei(1), gwei(5), 12, Duration.ofSeconds(60));
    }

    static GasPolicy policyWithCap(BigInteger cap) {
        return new GasPolicy(10, 50, cap, BigInteger.ZERO, cap.min(gwei(5)), 10, Duration.ofSeconds(60));
    }

    static FeeHistory history(BigInteger nextBase, List<BigInteger> rewards, List<Double> ratios) {
        List<BigInteger> bases = rewards.stream().map(r -> nextBase).toList();
        return new FeeHistory(bases, rewards, ratios, nextBase);
    }
}
