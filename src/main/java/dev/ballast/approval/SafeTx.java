package dev.ballast.approval;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A Safe (v1.4.1) transaction as its owners sign it: the EIP-712 {@code SafeTx} struct under the domain
 * {@code (chainId, verifyingContract)}, exactly as {@code Safe.getTransactionHash} computes it (cross-checked against
 * the real contract in SafeMultisigAnvilTest). A Ballast proposal is always a plain CALL with no value, no refund and
 * no gas price: the keeper's own account pays the gas of {@code execTransaction}.
 */
public record SafeTx(String safe, long chainId, String to, String data, BigInteger nonce) {
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3("EIP712Domain(uint256 chainId,address verifyingContract)"
            .getBytes(StandardCharsets.UTF_8));
    private static final byte[] SAFE_TX_TYPEHASH = Hash.sha3(("SafeTx(address to,uint256 value,bytes data,uint8 operation,"
            + "uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)")
            .getBytes(StandardCharsets.UTF_8));
    private static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

    /** The 32-byte EIP-712 digest every owner signs ({@code keccak256(0x1901 ‖ domainSeparator ‖ structHash)}). */
    public byte[] hash() {
        byte[] domain = Hash.sha3(Numeric.hexStringToByteArray(encode(new Bytes32(DOMAIN_TYPEHASH),
                new Uint256(chainId), new Address(safe))));
        byte[] struct = Hash.sha3(Numeric.hexStringToByteArray(encode(new Bytes32(SAFE_TX_TYPEHASH), new Address(to),
                new Uint256(0), new Bytes32(Hash.sha3(Numeric.hexStringToByteArray(data))), new Uint8(0), new Uint256(0),
                new Uint256(0), new Uint256(0), ZERO, ZERO, new Uint256(nonce))));
        byte[] message = new byte[66];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domain, 0, message, 2, 32);
        System.arraycopy(struct, 0, message, 34, 32);
        return Hash.sha3(message);
    }

    public String hashHex() {
        return Numeric.toHexString(hash());
    }

    /** {@code owner}'s signature of {@link #hash()}: r ‖ s ‖ v with v 27/28 (the Safe's plain ECDSA form). */
    public String sign(Credentials owner) {
        Sign.SignatureData sig = Sign.signMessage(hash(), owner.getEcKeyPair(), false);
        byte[] out = new byte[65];
        System.arraycopy(sig.getR(), 0, out, 0, 32);
        System.arraycopy(sig.getS(), 0, out, 32, 32);
        out[64] = sig.getV()[0];
        return Numeric.toHexString(out);
    }

    /** The address that produced {@code signature} over this transaction (checksummed). */
    public String signer(String signature) {
        byte[] b = Numeric.hexStringToByteArray(signature);
        if (b.length != 65) throw new IllegalArgumentException("a Safe signature is 65 bytes, not " + b.length);
        byte v = b[64];
        if (v != 27 && v != 28) throw new IllegalArgumentException("signature v must be 27 or 28, not " + v);
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(b, 0, 32),
                Arrays.copyOfRange(b, 32, 64));
        try {
            return Keys.toChecksumAddress(Keys.getAddress(Sign.signedMessageHashToKey(hash(), data)));
        } catch (SignatureException e) {
            throw new IllegalArgumentException("signature does not recover to an address: " + e.getMessage(), e);
        }
    }

    /**
     * Calldata of {@code execTransaction} carrying {@code signatures} (owner → signature), concatenated in ascending
     * owner order as {@code checkSignatures} requires.
     */
    public String execTransaction(Map<String, String> signatures) {
        List<Map.Entry<String, String>> sorted = signatures.entrySet().stream()
                .sorted(Comparator.comparing(e -> Numeric.toBigInt(e.getKey()))).toList();
        StringBuilder joined = new StringBuilder();
        for (Map.Entry<String, String> e : sorted) joined.append(Numeric.cleanHexPrefix(e.getValue()));
        return FunctionEncoder.encode(new Function("execTransaction", List.of(new Address(to), new Uint256(0),
                new DynamicBytes(Numeric.hexStringToByteArray(data)), new Uint8(0), new Uint256(0), new Uint256(0),
                new Uint256(0), ZERO, ZERO, new DynamicBytes(Numeric.hexStringToByteArray(joined.toString()))), List.of()));
    }

    private static String encode(Type<?>... words) {
        StringBuilder out = new StringBuilder();
        for (var w : words) out.append(TypeEncoder.encode(w));
        return out.toString();
    }
}
