package dev.ballast.gas;

import java.math.BigInteger;
import java.util.Objects;

/** EIP-1559 fees for one transaction, in wei per gas. */
public record FeeQuote(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) implements FeeDecision {

    public FeeQuote {
        Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
        Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        if (maxPriorityFeePerGas.signum() < 0 || maxPriorityFeePerGas.compareTo(maxFeePerGas) > 0) {
            throw new IllegalArgumentException("need 0 <= maxPriorityFeePerGas <= maxFeePerGas, was "
                    + maxPriorityFeePerGas + " / " + maxFeePerGas);
        }
    }
}
