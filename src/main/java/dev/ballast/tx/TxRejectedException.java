package dev.ballast.tx;

import java.io.IOException;
import java.math.BigInteger;

/** The node refused the raw transaction (nonce too low, underpriced replacement, insufficient funds, ...). */
public final class TxRejectedException extends IOException {
    private final BigInteger nonce;

    public TxRejectedException(BigInteger nonce, String nodeMessage) {
        super("node rejected transaction with nonce " + nonce + ": " + nodeMessage);
        this.nonce = nonce;
    }

    public BigInteger nonce() {
        return nonce;
    }
}
