package dev.ballast.tx;

import dev.ballast.gas.FeeQuote;
import java.math.BigInteger;

/** A signed transaction not yet broadcast; {@code hash} is known before the node sees it. */
public record SignedTx(BigInteger nonce, String hash, String raw, String to, String data, BigInteger gasLimit, FeeQuote fees) {}
