package dev.ballast.journal;

import java.math.BigInteger;

/** What the chain says about a mined transaction. */
public record TxReceipt(long blockNumber, String blockHash, boolean success, BigInteger gasUsed) {
}
