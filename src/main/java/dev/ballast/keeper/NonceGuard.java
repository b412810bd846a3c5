package dev.ballast.keeper;

import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Journal;
import dev.ballast.journal.TxAttempt;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;

/**
 * Picks the nonce of a new transaction from the chain and checks it against the journal, so the keeper never signs
 * above a gap: a transaction signed at nonce n+1 while n is unused waits behind n forever, and a journaled n that comes
 * back (a reorg, a mempool that re-adds it) would then execute as well. The nonce signed is the node's pending count;
 * signing is refused while the journal holds an open attempt at or above it (the node's pool does not hold it: it must
 * be re-broadcast or settled first) or claims a nonce mined that the chain's count has not reached (a receipt from a
 * block that was reorganised away).
 */
final class NonceGuard {
    /** The nonce to sign at, or why nothing may be signed now. */
    record Choice(BigInteger nonce, String refusal) {
        boolean allowed() {
            return refusal == null;
        }
    }

    private final Web3j web3j;
    private final Journal journal;
    private final String sender;

    NonceGuard(Web3j web3j, Journal journal, String sender) {
        this.web3j = web3j;
        this.journal = journal;
        this.sender = sender;
    }

    Choice next() throws IOException {
        // both counts in one JSON-RPC batch: one round trip between the simulation and the signature
        Request<?, EthGetTransactionCount> latest = web3j.ethGetTransactionCount(sender, DefaultBlockParameterName.LATEST);
        Request<?, EthGetTransactionCount> inPool = web3j.ethGetTransactionCount(sender, DefaultBlockParameterName.PENDING);
        BatchResponse batch = web3j.newBatch().add(latest).add(inPool).send();
        long mined = count(batch, latest.getId());
        long pending = Math.max(mined, count(batch, inPool.getId()));
        for (TxAttempt a : journal.attemptsFromNonce(sender, mined)) {
            if (a.status() == AttemptStatus.MINED || a.status() == AttemptStatus.REVERTED) {
                return new Choice(null, "the journal says nonce " + a.nonce() + " was mined (" + a.txHash()
                        + ") but the chain has mined only " + mined + " of this signer's transactions: its block was"
                        + " reorganised away; settling it before signing anything new");
            }
            if (a.status().unresolved() && a.nonce() >= pending) {
                return new Choice(null, "nonce " + a.nonce() + " (" + a.txHash() + ", " + a.status() + ") is journaled"
                        + " as open but the node's pool does not hold it; it is re-broadcast before anything is signed"
                        + " above it");
            }
        }
        return new Choice(BigInteger.valueOf(pending), null);
    }

    private static long count(BatchResponse batch, long id) throws IOException {
        for (Response<?> r : batch.getResponses()) {
            if (r.getId() != id) continue;
            if (r.hasError()) throw new IOException("eth_getTransactionCount failed: " + r.getError().getMessage());
            return ((EthGetTransactionCount) r).getTransactionCount().longValueExact();
        }
        throw new IOException("the node's batch answer lacks eth_getTransactionCount request " + id);
    }
}
