package dev.ballast.keeper;

import dev.ballast.journal.Journal;
import dev.ballast.journal.TxAttempt;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Compares the block hash of every recent journaled receipt with the canonical block at its height and withdraws the
 * receipts of blocks that are gone. A reorg report alone is not enough: the head tracker only names blocks it
 * delivered, and a block mined while the keeper was following its transaction (or a reorg deeper than the heads it
 * saw) is never reported, leaving a receipt that says MINED in a block that no longer exists.
 */
final class ReceiptAudit {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final Web3j web3j;
    private final Journal journal;
    private final int depth;

    /** {@code depth}: how many blocks below the head a receipt is still checked (deeper reorgs are not expected). */
    ReceiptAudit(Web3j web3j, Journal journal, int depth) {
        this.web3j = web3j;
        this.journal = journal;
        this.depth = depth;
    }

    /** Withdraws the receipts above {@code head - depth} whose block hash is no longer canonical; returns them reopened. */
    List<TxAttempt> run(long head) throws IOException {
        List<TxAttempt> reopened = new ArrayList<>();
        Map<Long, String> canonical = new HashMap<>();
        for (Journal.JournaledReceipt r : journal.receiptsFrom(Math.max(0, head - depth))) {
            long number = r.receipt().blockNumber();
            if (!canonical.containsKey(number)) canonical.put(number, canonicalHash(number));
            String hash = canonical.get(number);
            // a node without the block may just be behind (failover to a lagging node): only a different hash proves a reorg
            if (hash == null || hash.equalsIgnoreCase(r.receipt().blockHash())) continue;
            String why = "its block " + number + " (" + r.receipt().blockHash() + ") is no longer canonical (now " + hash + ")";
            reopened.add(journal.withdrawReceipt(r.txHash(), why));
            log.warn("reorg: receipt of {} withdrawn: {}; it is settled again before anything new is decided", r.txHash(), why);
        }
        return reopened;
    }

    private String canonicalHash(long number) throws IOException {
        EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                .send().getBlock();
        return block == null ? null : block.getHash();
    }
}
