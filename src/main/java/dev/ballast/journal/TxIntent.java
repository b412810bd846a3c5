package dev.ballast.journal;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A signed transaction about to be broadcast. Journaled BEFORE eth_sendRawTransaction; see {@link Journal}.
 *
 * @param decisionId  the decision it carries out, or null for a transaction not tied to one
 * @param sender      the signer's address
 * @param txHash      keccak256 of {@code rawTx}, 0x-prefixed
 * @param rawTx       the signed bytes, 0x-prefixed hex: re-broadcasting them can never create a second transaction
 */
public record TxIntent(Long decisionId, String vault, String sender, long nonce, String txHash, String rawTx,
                       BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    private static final Pattern HASH = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]{2})+");

    public TxIntent {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(sender, "sender");
        txHash = Objects.requireNonNull(txHash, "txHash").toLowerCase(Locale.ROOT);
        rawTx = Objects.requireNonNull(rawTx, "rawTx").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        if (!HASH.matcher(txHash).matches()) {
            throw new IllegalArgumentException("txHash must be 0x + 64 hex digits: " + txHash);
        }
        if (!HEX.matcher(rawTx).matches()) {
            throw new IllegalArgumentException("rawTx must be 0x-prefixed hex bytes");
        }
        if (nonce < 0) {
            throw new IllegalArgumentException("nonce must not be negative: " + nonce);
        }
    }
}
