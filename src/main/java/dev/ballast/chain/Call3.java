package dev.ballast.chain;

import java.util.Objects;

/** One call in a batch: Multicall3's Call3 (target, allowFailure, callData). */
public record Call3(String target, boolean allowFailure, byte[] callData) {
    public Call3 {
        Objects.requireNonNull(target, "target");
        callData = callData.clone();
    }

    @Override
    public byte[] callData() {
        return callData.clone();
    }
}
