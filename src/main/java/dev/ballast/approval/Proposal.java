package dev.ballast.approval;

import dev.ballast.policy.Leg;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A rebalance the keeper decided and simulated but did not send (vault {@code mode: propose}).
 *
 * @param legs         the exact legs {@code approve} re-checks
 * @param calldata     {@code vault.rebalance(legs)} as proposed: what approve sends (or the Safe executes)
 * @param expectedOut  per leg, the output the keeper's venue model expected at {@code block} (raw units of the bought
 *                     asset); approve refuses when the current expectation is worse by more than the tolerance
 * @param oracleOut    per leg, the output implied by the vault's oracle prices at {@code block}
 * @param gasLimit     the simulated gas of {@code vault.rebalance(legs)} (plus margin)
 * @param expiresBlock last block at which it may be sent
 * @param expiresAt    last instant at which it may be sent
 * @param safe         the Safe that executes it, with the SafeTx nonce and EIP-712 hash it was proposed under
 */
public record Proposal(long id, String vault, String vaultName, long block, List<Leg> legs, String calldata,
        List<BigInteger> expectedOut,
        List<BigInteger> oracleOut, BigInteger gasLimit, long expiresBlock, Instant expiresAt, Optional<SafePart> safe,
        ProposalStatus status, String statusReason, String statusBy, String txHash, Instant createdAt) {

    public record SafePart(String address, BigInteger nonce, String safeTxHash) {}

    /** Why it can no longer be sent at {@code block} and {@code now}, if it is expired. */
    public Optional<String> expiry(long block, Instant now) {
        if (block > expiresBlock) {
            return Optional.of("proposal #" + id + " expired at block " + expiresBlock + " (the chain is at " + block + ")");
        }
        if (now.isAfter(expiresAt)) {
            return Optional.of("proposal #" + id + " expired at " + expiresAt + " (now " + now + ")");
        }
        return Optional.empty();
    }
}
