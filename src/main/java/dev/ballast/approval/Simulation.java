package dev.ballast.approval;

import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.SimulatedRevertException;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;

/**
 * A proposal's simulation: {@code vault.rebalance(legs)} estimated from the account that will call it (the keeper's
 * signer, or the Safe), so a proposal that would revert is never journaled. Sending is not done here: an approved
 * proposal goes through the keeper's own pipeline, which simulates again at the block it sends in.
 */
final class Simulation {
    private static final int MARGIN_PERCENT = 25;

    private Simulation() {}

    static BigInteger gas(Web3j web3j, String from, String to, String data) throws IOException, SimulatedRevertException {
        EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send();
        if (estimate.hasError()) {
            String raw = estimate.getError().getData() == null ? "" : estimate.getError().getData().replace("\"", "").strip();
            throw new SimulatedRevertException(to, RevertDecoder.forBallast().decode(raw.startsWith("0x") ? raw : "0x"));
        }
        BigInteger gas = estimate.getAmountUsed();
        return gas.add(gas.multiply(BigInteger.valueOf(MARGIN_PERCENT)).divide(BigInteger.valueOf(100)));
    }
}
