package dev.ballast.cli.pool;

import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.gas.ContractEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Sends a pool transaction with {@code eth_estimateGas} plus {@link #MARGIN}. A pool writes its TWAP oracle in the
 * first balance change of each block; a node estimates against the latest block, so an estimate taken after that
 * block's write leaves the write out, and the transaction, landing in the next block, pays it: a raw estimate then
 * runs out of gas (2-token pool: 71,650 estimated, 78,541 used). The margin is the largest write a swap can add: two
 * group rings of an 8-token pool each appending an observation into a fresh slot (18,979 gas, forge snapshot
 * swap8_exactIn_newBlock_ring16_nextSlot); README, client section.
 */
final class OracleGasMargin {
    /** Gas added to every pool estimate: above the 8-token worst case (18,979), so one figure serves every pool. */
    static final BigInteger MARGIN = BigInteger.valueOf(25_000);

    private OracleGasMargin() {}

    /** Estimates the call, sends it with the estimate plus the margin, waits for the receipt. */
    static TransactionReceipt send(Session session, String to, String data) throws IOException, TransactionException {
        String from = session.signer().getAddress();
        EthEstimateGas estimate = session.web3j().ethEstimateGas(Transaction.createEthCallTransaction(from, to, data)).send();
        if (estimate.hasError()) {
            String reason = estimate.getError().getData() != null ? String.valueOf(estimate.getError().getData())
                    : estimate.getError().getMessage();
            throw new IllegalStateException("the pool would refuse the transaction: " + RevertText.describe(RevertDecoder.forBallast().decode(reason), RevertText.Tokens.NONE));
        }
        BigInteger limit = estimate.getAmountUsed().add(MARGIN);
        ContractEIP1559GasProvider fees = (ContractEIP1559GasProvider) session.gas();
        EthSendTransaction sent = session.sender().sendEIP1559Transaction(session.chainId(),
                fees.getMaxPriorityFeePerGas(), fees.getMaxFeePerGas(), limit, to, data, BigInteger.ZERO);
        if (sent.hasError()) throw new IllegalStateException("the node refused the transaction: " + sent.getError().getMessage());
        TransactionReceipt receipt = new PollingTransactionReceiptProcessor(session.web3j(), 50, 1200)
                .waitForTransactionReceipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) throw new TransactionException("transaction " + receipt.getTransactionHash() + " failed", receipt);
        return receipt;
    }
}
