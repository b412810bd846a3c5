package dev.ballast.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.utils.Numeric;

/** Just enough ABI word handling for the lens and aggregate3 formats (all 32-byte big-endian words). */
final class AbiWords {
    static final int WORD = 32;

    private AbiWords() {}

    static BigInteger word(byte[] data, int index) {
        int from = index * WORD;
        if (from + WORD > data.length) {
            throw new LensDecodingException("result too short: word " + index + " of " + data.length / WORD);
        }
        return new BigInteger(1, Arrays.copyOfRange(data, from, from + WORD));
    }

    static BigInteger wordAt(byte[] data, int byteOffset) {
        if (byteOffset < 0 || byteOffset + WORD > data.length) {
            throw new LensDecodingException("offset " + byteOffset + " outside a " + data.length + "-byte result");
        }
        return new BigInteger(1, Arrays.copyOfRange(data, byteOffset, byteOffset + WORD));
    }

    static int intAt(byte[] data, int byteOffset) {
        BigInteger value = wordAt(data, byteOffset);
        if (value.bitLength() > 31) throw new LensDecodingException("length/offset " + value + " is not plausible");
        return value.intValue();
    }

    static void uint(ByteArrayOutputStream out, BigInteger value) {
        out.writeBytes(Numeric.toBytesPadded(value, WORD));
    }

    static void uint(ByteArrayOutputStream out, long value) {
        uint(out, BigInteger.valueOf(value));
    }

    static void address(ByteArrayOutputStream out, String address) {
        uint(out, Numeric.toBigInt(address));
    }

    /** Bytes padded right to a whole number of words (the length word is written by the caller). */
    static void padded(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(bytes);
        int rest = bytes.length % WORD;
        if (rest != 0) out.writeBytes(new byte[WORD - rest]);
    }

    static int paddedLength(int length) {
        return (length + WORD - 1) / WORD * WORD;
    }

    static String toAddress(BigInteger word) {
        return Numeric.toHexStringWithPrefixZeroPadded(word, 40);
    }
}
