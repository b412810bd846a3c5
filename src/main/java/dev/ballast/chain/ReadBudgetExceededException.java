package dev.ballast.chain;

/**
 * The vaults and pools asked for cannot be read within the configured number of eth_calls per block (gas or
 * creation-code size): raise maxCallsPerBlock or callGasLimit, or split the vaults across keepers.
 */
public class ReadBudgetExceededException extends RuntimeException {
    public ReadBudgetExceededException(String message) {
        super(message);
    }
}
