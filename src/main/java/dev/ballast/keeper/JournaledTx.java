package dev.ballast.keeper;

import dev.ballast.gas.FeeQuote;
import dev.ballast.journal.TxAttempt;
import dev.ballast.tx.SentTx;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.Web3j;

/**
 * Journaled transactions as the sending side sees them: what the node knows of a hash whose broadcast answer was lost,
 * and a journaled attempt turned back into a transaction to follow (and replace), so a transaction left open by a lost
 * answer, a failed follow or a restart is supervised again instead of waited on forever.
 */
final class JournaledTx {
    private JournaledTx() {}

    /** Whether the node knows {@code hash} (pool or block): an unknown send outcome then counts as sent. */
    static boolean nodeKnows(Web3j web3j, String hash) throws IOException {
        return web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent();
    }

    /** The journaled bytes decoded into the transaction the supervisor follows; its wait counts from the last update. */
    static SentTx followable(TxAttempt a) {
        RawTransaction raw = TransactionDecoder.decode(a.rawTx());
        return new SentTx(BigInteger.valueOf(a.nonce()), a.txHash(), raw.getTo(), raw.getData(), raw.getGasLimit(),
                new FeeQuote(a.maxFeePerGas(), a.maxPriorityFeePerGas()), a.updatedAt());
    }
}
