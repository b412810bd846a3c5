package dev.ballast.keeper;

import dev.ballast.journal.Journal;
import dev.ballast.journal.NewDecision;
import dev.ballast.policy.Decision;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.TxOutcome;
import dev.ballast.tx.TxSupervisor;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * A round's batches, from the keeper's side: the vaults the round decided to rebalance through a BatchRebalancer are
 * packed into batches (per contract, at most {@code batch.maxVaults} each), sent back to back under consecutive nonces
 * after all of them were simulated in sequence ({@link BatchSend#sendAll}) and followed to their receipts like a lone transaction (fee
 * replacement by the same supervisor). Every member gets its own outcome line, its own Rebalanced-or-refused result in
 * the journal and its own metrics, as if it had gone out alone.
 */
final class BatchRound {
    private static final RevertDecoder REVERTS = RevertDecoder.forBallast();

    /** The keeper's logging of an outcome (OutcomeLog.say). */
    interface Say {
        Keeper.Outcome say(ManagedVault vault, long block, Keeper.Outcome.Kind kind, String message, Decision decision,
                Object... fields);
    }

    /** The settling of a lone transaction's non-receipt outcomes (Settlement.settle). */
    interface Settle {
        Keeper.Outcome settle(ManagedVault vault, long block, Decision decision, TxOutcome outcome);
    }

    /** A broadcast batch to follow. */
    record InFlight(SentTx tx, List<BatchSend.Member> members, long block) {}

    private final BatchSend sender;
    private final Journal journal;
    private final TxSupervisor supervisor;
    private final KeeperEvents events;
    private final Duration timeout;
    private final Say say;
    private final Settle settle;
    private final int maxVaults;

    BatchRound(BatchSend sender, Journal journal, TxSupervisor supervisor, KeeperEvents events, Duration timeout, Say say,
            Settle settle, int maxVaults) {
        this.maxVaults = maxVaults;
        this.sender = sender;
        this.journal = journal;
        this.supervisor = supervisor;
        this.events = events;
        this.timeout = timeout;
        this.say = say;
        this.settle = settle;
    }

    /** Sends this round's batches; members left out get their outcome in {@code outcomes} now. */
    List<InFlight> send(List<BatchSend.Member> members, long block, Keeper.Outcome[] outcomes) {
        List<InFlight> inFlight = new ArrayList<>();
        if (members.isEmpty()) return inFlight;
        long at = System.nanoTime();
        List<Long> ids = journal.recordDecisionsWithIds(members.stream().map(BatchSend.Member::toJournal).toList());
        List<BatchSend.Member> journaled = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) journaled.add(members.get(i).journaled(ids.get(i)));
        KeeperStage.CHECK.lap(events, at);
        List<BatchSend.Planned> planned = pack(journaled, maxVaults, !sender.sequential()).stream()
                .map(b -> new BatchSend.Planned(b.getFirst().route().contract(), b)).toList();
        List<BatchSend.Result> results = sender.sendAll(planned);
        List<NewDecision> refusals = new ArrayList<>();
        for (BatchSend.Result r : results) {
            for (BatchSend.Note n : r.notes()) {
                if (n.kind() == Keeper.Outcome.Kind.REFUSED) {
                    refusals.add(new NewDecision(n.member().vault().address(), block, "{}", "SIMULATION_REVERTED", n.message()));
                }
            }
        }
        journal.recordDecisions(refusals); // one commit for the round's refusals too
        for (BatchSend.Result r : results) {
            for (BatchSend.Note n : r.notes()) {
                BatchSend.Member m = n.member();
                outcomes[m.index()] = say.say(m.vault(), block, n.kind(), n.message(), m.decision());
            }
            if (r.tx() == null) continue;
            for (BatchSend.Member m : r.sent()) {
                say.say(m.vault(), block, Keeper.Outcome.Kind.SENT, m.explained() + "; sending in batch " + r.tx().hash()
                        + " with " + (r.sent().size() - 1) + " other vault(s) (nonce " + r.tx().nonce() + ", max fee "
                        + r.tx().fees().maxFeePerGas() + " wei" + (m.order().legs().size() < m.legs().size()
                        ? ", first leg netted through the batch" : "") + ")", m.decision(), "tx", r.tx().hash(),
                        "nonce", r.tx().nonce());
                events.sent(m.vault(), r.tx());
            }
            inFlight.add(new InFlight(r.tx(), r.sent(), block));
        }
        return inFlight;
    }

    /**
     * Per contract, in the round's order, at most {@code max} vaults a batch. A pool's vaults stay in the order they
     * were decided and may span several batches, which {@link BatchSend#sendAll} simulates in sequence. With
     * {@code poolsWhole} (the node cannot simulate a sequence: each batch is simulated alone, and the keeper gives a
     * pool at most {@code max} vaults a round, see {@code Keeper.room}) a batch takes whole pools only, so that no
     * pool's vaults are split over two batches whose simulations would not see each other.
     */
    static List<List<BatchSend.Member>> pack(List<BatchSend.Member> members, int max, boolean poolsWhole) {
        Map<String, Map<String, List<BatchSend.Member>>> byContract = new LinkedHashMap<>();
        for (BatchSend.Member m : members) {
            byContract.computeIfAbsent(m.route().contract().toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>())
                    .computeIfAbsent(m.vault().pool().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(m);
        }
        List<List<BatchSend.Member>> batches = new ArrayList<>();
        for (Map<String, List<BatchSend.Member>> pools : byContract.values()) {
            List<BatchSend.Member> current = new ArrayList<>();
            for (List<BatchSend.Member> pool : pools.values()) {
                if (poolsWhole && !current.isEmpty() && current.size() + pool.size() > max) {
                    batches.add(current);
                    current = new ArrayList<>();
                }
                for (BatchSend.Member m : pool) {
                    if (current.size() == max) {
                        batches.add(current);
                        current = new ArrayList<>();
                    }
                    current.add(m);
                }
            }
            if (!current.isEmpty()) batches.add(current);
        }
        return batches;
    }

    /** Follows a batch to its final receipt; each member's outcome goes to {@code outcomes}. Returns the block it was mined in, or -1. */
    long follow(InFlight f, Keeper.Outcome[] outcomes) {
        try {
            TxOutcome outcome = supervisor.await(f.tx(), timeout);
            if (!(outcome instanceof TxOutcome.Confirmed c)) {
                for (BatchSend.Member m : f.members()) outcomes[m.index()] = settle.settle(m.vault(), f.block(), m.decision(), outcome);
                return -1;
            }
            String hash = c.tx().hash();
            if (journal.receipt(hash).isEmpty()) journal.recordReceipt(hash, TxReceipts.of(c.receipt()));
            Map<String, BatchCall.VaultResult> results = BatchSend.recordResults(journal, c.receipt());
            long mined = c.receipt().getBlockNumber().longValueExact();
            for (BatchSend.Member m : f.members()) {
                BatchCall.VaultResult r = results.get(m.vault().address().toLowerCase(Locale.ROOT));
                if (r != null && r.ok()) {
                    TxOutcome.Confirmed own = new TxOutcome.Confirmed(c.tx(), memberReceipt(c.receipt(), m.vault().address(), f.members().size()));
                    events.confirmed(m.vault(), own);
                    outcomes[m.index()] = say.say(m.vault(), f.block(), Keeper.Outcome.Kind.REBALANCED, "mined in batch " + hash
                            + " in block " + mined + " (" + f.members().size() + " vault(s), batch gas " + c.receipt().getGasUsed()
                            + ")", m.decision(), "tx", hash, "nonce", c.tx().nonce(), "gasUsed", own.receipt().getGasUsed());
                } else {
                    String why = !c.succeeded() ? "batch " + hash + " reverted on chain in block " + mined
                            : r == null ? "batch " + hash + " mined in block " + mined + " without a result for this vault"
                            : "refused on chain inside batch " + hash + " (block " + mined + "): "
                                    + RevertText.describe(REVERTS.decode(r.reason()), RevertText.Tokens.NONE);
                    outcomes[m.index()] = say.say(m.vault(), f.block(), Keeper.Outcome.Kind.FAILED, why, m.decision(), "tx", hash);
                }
            }
            return mined;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (BatchSend.Member m : f.members()) {
                outcomes[m.index()] = say.say(m.vault(), f.block(), Keeper.Outcome.Kind.FAILED, "interrupted while following batch "
                        + f.tx().hash(), m.decision());
            }
        } catch (IOException | RuntimeException e) {
            for (BatchSend.Member m : f.members()) {
                outcomes[m.index()] = say.say(m.vault(), f.block(), Keeper.Outcome.Kind.FAILED, "following batch " + f.tx().hash()
                        + " failed: " + e.getMessage() + "; it stays in the journal", m.decision());
            }
        }
        return -1;
    }

    /**
     * The member's view of the batch receipt, for per-vault metrics: the vault's own logs only (its Rebalanced event)
     * and an equal share of the batch's gas.
     */
    private static TransactionReceipt memberReceipt(TransactionReceipt batch, String vault, int members) {
        List<Log> own = batch.getLogs() == null ? List.of()
                : batch.getLogs().stream().filter(l -> vault.equalsIgnoreCase(l.getAddress())).toList();
        BigInteger share = batch.getGasUsed().divide(BigInteger.valueOf(members));
        return new TransactionReceipt(batch.getTransactionHash(), Numeric.toHexStringWithPrefix(batch.getTransactionIndex()),
                batch.getBlockHash(), Numeric.toHexStringWithPrefix(batch.getBlockNumber()),
                Numeric.toHexStringWithPrefix(batch.getCumulativeGasUsed()), Numeric.toHexStringWithPrefix(share),
                batch.getContractAddress(), batch.getRoot(), batch.getStatus(), batch.getFrom(), batch.getTo(), own,
                batch.getLogsBloom(), batch.getRevertReason(), batch.getType(), batch.getEffectiveGasPrice());
    }
}
