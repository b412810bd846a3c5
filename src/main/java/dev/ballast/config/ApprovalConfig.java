package dev.ballast.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * How a vault's rebalances are approved (issue 19 §2), from {@code vaults[i].mode}, {@code vaults[i].safe} and the
 * top-level {@code approvals} section.
 *
 * @param mode the vault's {@code mode}: SEND (the keeper sends what it decides) or PROPOSE (it journals a proposal
 *             that {@code ballast approve} sends)
 * @param safe the Safe multisig holding the vault's keeper role, if any (then the vault's mode is PROPOSE)
 */
public record ApprovalConfig(Mode mode, Optional<SafeConfig> safe) {
    public static final ApprovalConfig SEND = new ApprovalConfig(Mode.SEND, Optional.empty());

    public enum Mode { SEND, PROPOSE }

    /**
     * @param address     the Safe (v1.4.1) that holds the vault's keeper role
     * @param signAsOwner whether the keeper's signer signs each proposal as one of the Safe's owners
     */
    public record SafeConfig(String address, boolean signAsOwner) {}

    /**
     * The top-level {@code approvals} section.
     *
     * @param expiryBlocks a proposal expires this many blocks after the block it was decided at
     * @param expiry       ... or this long after it was journaled, whichever comes first
     * @param tolerance    {@code approve} refuses when a leg's expected output at the current block is worse than the
     *                     proposed one by more than this fraction
     */
    public record Rules(long expiryBlocks, Duration expiry, BigDecimal tolerance) {
        public static final Rules DEFAULTS = new Rules(50, Duration.ofMinutes(10), new BigDecimal("0.005"));
    }
}
