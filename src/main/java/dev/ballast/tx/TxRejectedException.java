package dev.ballast.tx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.Locale;

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

    /**
     * Whether the node refused because the nonce is already used. That is no proof the transaction failed: a client
     * that retried the same bytes after a lost answer (OkHttp retries a POST on a dropped connection) hears "nonce too
     * low" about the very transaction its first request got mined. The outcome is unknown until the hash is looked up.
     */
    public boolean nonceUsed() {
        return nonceUsed(getMessage());
    }

    /** Whether a node's refusal message says the nonce is already used (geth, Anvil, Nethermind and Besu wordings). */
    public static boolean nonceUsed(String nodeMessage) {
        String m = nodeMessage == null ? "" : nodeMessage.toLowerCase(Locale.ROOT);
        return m.contains("nonce too low") || m.contains("nonce has already been used") || m.contains("noncetoolow");
    }
}
