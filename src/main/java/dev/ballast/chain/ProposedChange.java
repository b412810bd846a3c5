package dev.ballast.chain;

import java.math.BigInteger;

/**
 * A change queued in a vault's timelock and still pending: what it will call, where, and from when.
 *
 * @param id      the vault's proposal id (keccak256(abi.encode(target, call, nonce)))
 * @param target  the vault itself or its price router
 * @param call    the full call data, as proposed
 * @param nonce   the proposal's nonce (execute takes the call and the nonce)
 * @param eta     the earliest execution time, unix seconds (executable for 14 days from then)
 */
public record ProposedChange(String id, String target, byte[] call, BigInteger nonce, long eta) {
    public ProposedChange {
        call = call.clone();
    }

    @Override
    public byte[] call() {
        return call.clone();
    }
}
