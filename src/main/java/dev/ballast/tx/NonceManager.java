package dev.ballast.tx;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The signer's next nonce, kept locally so back-to-back transactions don't race the node's view, and resynchronised
 * from the chain ({@code pending} count) at start and after any send error, when the local view may be wrong.
 */
public final class NonceManager {
    private final Web3j web3j;
    private final String address;
    private BigInteger next;

    public NonceManager(Web3j web3j, String address) {
        this.web3j = web3j;
        this.address = address;
    }

    /** The nonce the next new transaction should use (a replacement reuses its original's nonce instead). */
    public synchronized BigInteger peek() throws IOException {
        if (next == null) resync();
        return next;
    }

    /** Records that {@code nonce} was handed to a broadcast transaction. */
    public synchronized void consumed(BigInteger nonce) {
        BigInteger after = nonce.add(BigInteger.ONE);
        if (next == null || after.compareTo(next) > 0) next = after;
    }

    /** Forgets the local view and reads the chain's pending transaction count. */
    public synchronized void resync() throws IOException {
        next = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    /** The count of this signer's transactions in mined blocks (what a dropped transaction's nonce is compared to). */
    public BigInteger minedCount() throws IOException {
        return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }
}
