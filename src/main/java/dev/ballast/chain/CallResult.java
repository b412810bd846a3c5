package dev.ballast.chain;

/** One call's outcome: Multicall3's Result (success, returnData); a failed call's data is its revert data. */
public record CallResult(boolean success, byte[] returnData) {
    public CallResult {
        returnData = returnData.clone();
    }

    @Override
    public byte[] returnData() {
        return returnData.clone();
    }
}
