package dev.ballast.tx;

/** The transaction would revert (eth_call on the latest block), so it was not sent. */
public final class SimulatedRevertException extends Exception {
    private final RevertDecoder.DecodedRevert revert;

    public SimulatedRevertException(String to, RevertDecoder.DecodedRevert revert) {
        super("simulation of call to " + to + " reverted: " + revert);
        this.revert = revert;
    }

    public RevertDecoder.DecodedRevert revert() {
        return revert;
    }
}
