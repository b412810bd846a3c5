package dev.ballast.chain;

import java.math.BigInteger;
import java.util.Optional;
import org.web3j.utils.Numeric;

/**
 * The lenses revert with their result (returned bytes would count as contract code, capped at 24,576 bytes). Their
 * payload is an ABI-encoded dynamic value, so it starts with the offset word 0x20; a real error starts with a
 * non-zero 4-byte selector. This tells the two apart.
 */
final class LensPayload {
    private LensPayload() {}

    /** The payload in a JSON-RPC error's data (web3j hands data over as raw JSON, possibly quoted), if it is one. */
    static Optional<byte[]> fromErrorData(String data) {
        if (data == null) return Optional.empty();
        String hex = unquote(data.trim());
        if (!hex.startsWith("0x") || hex.length() < 2 + 128) return Optional.empty();
        byte[] bytes;
        try {
            bytes = Numeric.hexStringToByteArray(hex);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        boolean dynamic = bytes.length % 32 == 0 && Numeric.toBigInt(bytes, 0, 32).equals(BigInteger.valueOf(32));
        if (!dynamic) return Optional.empty();
        return Optional.of(bytes);
    }

    static String unquote(String data) {
        if (data == null) return null;
        return data.length() >= 2 && data.startsWith("\"") && data.endsWith("\"") ? data.substring(1, data.length() - 1) : data;
    }
}
