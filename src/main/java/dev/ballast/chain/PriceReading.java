package dev.ballast.chain;

import java.math.BigInteger;
import java.util.Optional;

/**
 * One price as the lens read it: a value, or why there is none. For a revert, {@code value} holds the 4-byte error
 * selector (0 when the revert carried no data) so the keeper can name the error (dev/ballast/contracts/errors.tsv).
 */
public record PriceReading(Status status, BigInteger value) {
    /**
     * NOT_READ: the lens did not ask (a venue without code, or a vault whose TWAP window is unreadable). SPOT_ONLY: a
     * venue's TWAP the vault never reads, because it holds that venue to the oracle alone ({@code venueTwapChecked}).
     */
    public enum Status { OK, REVERTED, NO_ROUTER, NOT_READ, SPOT_ONLY }

    static PriceReading decode(BigInteger statusWord, BigInteger value) {
        int code = statusWord.intValue() & 0xff;
        Status status = switch (code) {
            case 0 -> Status.OK;
            case 1 -> Status.REVERTED;
            case 2 -> Status.NO_ROUTER;
            case 3 -> Status.NOT_READ;
            case 4 -> Status.SPOT_ONLY;
            default -> throw new LensDecodingException("unknown price status " + code);
        };
        return new PriceReading(status, value);
    }

    public Optional<BigInteger> price() {
        return status == Status.OK ? Optional.of(value) : Optional.empty();
    }

    /** "0x1234abcd" for a revert, empty otherwise. */
    public Optional<String> revertSelector() {
        if (status != Status.REVERTED) return Optional.empty();
        return Optional.of(String.format("0x%08x", value.longValue()));
    }
}
