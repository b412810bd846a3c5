package dev.ballast.tx;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The signer cannot pay for a transaction at its gas limit and max fee: refused before anything is signed, with the
 * balance and the need, instead of the node's raw "insufficient funds" (-32003) after the fact.
 */
public final class InsufficientFundsException extends Exception {
    private static final BigDecimal WEI_PER_ETH = BigDecimal.TEN.pow(18);
    private static final BigDecimal WEI_PER_GWEI = BigDecimal.TEN.pow(9);

    public InsufficientFundsException(String signer, BigInteger balance, BigInteger gasLimit, BigInteger maxFeePerGas) {
        super("signer " + signer + " has " + eth(balance) + " ETH, needs ≈ " + eth(gasLimit.multiply(maxFeePerGas))
                + " ETH (gas " + gasLimit + " at up to " + new BigDecimal(maxFeePerGas).divide(WEI_PER_GWEI)
                .stripTrailingZeros().toPlainString() + " gwei); fund it");
    }

    private static String eth(BigInteger wei) {
        BigDecimal e = new BigDecimal(wei).divide(WEI_PER_ETH);
        return e.signum() == 0 ? "0" : e.round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
