package dev.ballast.tx;

import dev.ballast.gas.FeeQuote;
import java.math.BigInteger;
import java.time.Instant;

/** One signed and broadcast transaction; replacements share {@code nonce}, {@code to} and {@code data}. */
public record SentTx(
        BigInteger nonce, String hash, String to, String data, BigInteger gasLimit, FeeQuote fees, Instant sentAt) {}
