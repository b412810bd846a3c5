package dev.ballast.keeper;

import dev.ballast.chain.VaultState;
import dev.ballast.gas.FeeQuote;
import dev.ballast.policy.Decision;
import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What stands between the keeper's decision and a transaction (issue 19 §2): operator holds, read once per block,
 * and a gate every checked plan passes right before it would be simulated and sent. The default lets everything
 * through unchanged; {@code mode: propose} journals a proposal instead, and {@code ballast approve} sends one.
 */
public interface Approvals extends AutoCloseable {
    /** No holds, every plan sent as decided. */
    Approvals NONE = new Approvals() {};

    /** Vault address (lower case) → why it is on hold and by whom; the keeper decides nothing for these. */
    default Map<String, String> holds() {
        return Map.of();
    }

    /**
     * Once per block before anything is decided (not in {@code plan}): moves approved proposals whose transaction the
     * journal now has a receipt for to their final status, so nobody has to run {@code ballast proposals} for it.
     */
    default void settle(long block) {}

    /** What to do with {@code plan}: send some calldata to some address through the keeper's pipeline, or stop. */
    default Gate gate(Candidate plan) {
        return new Gate.Send(plan.vault().address(), plan.rebalanceData(), "");
    }

    @Override
    default void close() {}

    /**
     * A decided plan that passed every keeper check at {@code block}: the vault's guards, the manipulation and
     * off-chain price checks, the gas budget and the fee cap.
     *
     * @param routed the legs as routed, with the venue model's expected output per leg
     * @param check  the same price checks for other legs at this block (empty when they pass)
     * @param quote  the venue model's expected output of other legs at this block, per leg (empty when unroutable)
     */
    record Candidate(ManagedVault vault, VaultState state, long block, long timestamp, Decision decision,
            String explained, LegRouting.Routed routed, FeeQuote fees, String signer,
            Function<List<Leg>, Optional<String>> check,
            Function<List<Leg>, List<Optional<BigInteger>>> quote) {
        public List<Leg> legs() {
            return routed.legs();
        }

        /** Calldata of {@code vault.rebalance(legs)}, each routed leg through the venue the router chose for it. */
        public String rebalanceData() {
            return RebalanceCall.encode(routed.venues(), routed.legs());
        }
    }

    /** The gate's answer. */
    sealed interface Gate {
        /** Simulate and send {@code data} to {@code to}; {@code note} is appended to the keeper's log line. */
        record Send(String to, String data, String note) implements Gate {}

        /** Send nothing; report {@code kind} with {@code message} (and log fields as name/value pairs). */
        record Stop(Keeper.Outcome.Kind kind, String message, Object... fields) implements Gate {}
    }
}
