package dev.ballast.paper;

import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.util.List;

/** Replays a paper rebalance for real (see {@link ForkVerifier}); the engine only knows this much of it. */
public interface ForkCheck {
    /**
     * @param status    "MINED", "REVERTED <error>", or "FAILED <why>" when the replay could not be set up
     * @param amountsOut what each leg really returned (empty unless mined)
     */
    record Result(String status, long gasUsed, List<BigInteger> amountsOut) {
        public boolean mined() {
            return "MINED".equals(status);
        }
    }

    /** Replays {@code legs} at {@code block} for a vault holding {@code balances} of {@code v}'s assets. */
    Result replay(long block, PaperConfig.Vault v, List<BigInteger> balances, List<Leg> legs);
}
