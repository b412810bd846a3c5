package dev.ballast.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.EthBlock;

/** A block header as the keeper needs it. {@code baseFeePerGas} is empty before London. */
public record BlockHead(long number, String hash, String parentHash, long timestamp, Optional<BigInteger> baseFeePerGas) {
    public BlockHead {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(baseFeePerGas, "baseFeePerGas");
        if (number < 0) throw new IllegalArgumentException("block number must be >= 0, got " + number);
    }

    static BlockHead of(EthBlock.Block block) {
        BigInteger baseFee = block.getBaseFeePerGasRaw() == null ? null : block.getBaseFeePerGas();
        return new BlockHead(block.getNumber().longValueExact(), block.getHash(), block.getParentHash(),
                block.getTimestamp().longValueExact(), Optional.ofNullable(baseFee));
    }

    @Override
    public String toString() {
        return "#" + number + " " + shortHash(hash);
    }

    static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 10) + "…" : hash;
    }
}
