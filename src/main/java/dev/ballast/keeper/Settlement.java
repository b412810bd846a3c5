package dev.ballast.keeper;

import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Journal;
import dev.ballast.journal.PendingNonce;
import dev.ballast.journal.TxAttempt;
import dev.ballast.policy.Decision;
import dev.ballast.tx.TxOutcome;
import dev.ballast.tx.TxSender;
import dev.ballast.tx.TxSupervisor;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The keeper's transactions after they leave: followed (with fee replacement by the supervisor) to a confirmed
 * receipt, a reorg, a nonce used elsewhere or the timeout, and each outcome journaled; a transaction still open from
 * an earlier block or process is resumed from its journal row rather than decided again.
 */
final class Settlement {
    private final Journal journal;
    private final TxSupervisor supervisor;
    private final TxSender sender;
    private final KeeperEvents events;
    private final Duration txTimeout;
    private final OutcomeLog outcomes;
    /** Pending batches a member already resumed following in this tick (the other members wait for it). */
    private final Set<String> resumedBatches = new HashSet<>();

    Settlement(Journal journal, TxSupervisor supervisor, TxSender sender, KeeperEvents events, Duration txTimeout,
            OutcomeLog outcomes) {
        this.journal = journal;
        this.supervisor = supervisor;
        this.sender = sender;
        this.events = events;
        this.txTimeout = txTimeout;
        this.outcomes = outcomes;
    }

    /** A followed rebalance's outcome and the block it was mined in ({@code -1} when it was not confirmed). */
    record Followed(Keeper.Outcome outcome, long minedIn) {}

    /** A new block: every pending batch may be resumed again, by one of its members. */
    void newTick() {
        resumedBatches.clear();
    }

    /**
     * The vault's transaction is still open after reconciliation. When the node holds it, it is followed again (and
     * replaced at the current base fee if it is stuck); otherwise its journaled bytes were just re-broadcast.
     */
    Step resume(ManagedVault vault, long block) {
        Optional<TxAttempt> open = journal.pendingNonces().stream()
                .filter(p -> p.vault().equalsIgnoreCase(vault.address()) || memberOf(p.newest(), vault))
                .map(PendingNonce::newest)
                // another keeper's transaction (it died, or handed the vault over) is settled by reconciliation from its
                // journaled bytes, never followed and replaced with this keeper's key
                .filter(a -> a.sender().equalsIgnoreCase(sender.from()))
                .filter(a -> a.status() == AttemptStatus.SENT || a.status() == AttemptStatus.REPLACED)
                .findFirst();
        if (open.isEmpty()) {
            return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING,
                    "an earlier transaction for this vault is still pending", null);
        }
        boolean batch = !open.get().vault().equalsIgnoreCase(vault.address());
        if (batch && !resumedBatches.add(open.get().txHash())) {
            return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "in the pending batch " + open.get().txHash()
                    + ", followed for another of its vaults in this block", null);
        }
        outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "following the journaled " + (batch ? "batch " : "transaction ")
                + open.get().txHash() + " (nonce " + open.get().nonce() + ") to its receipt before deciding again", null);
        return new Step.Sent(vault, block, null, JournaledTx.followable(open.get()));
    }

    private boolean memberOf(TxAttempt attempt, ManagedVault vault) {
        return !attempt.vault().equalsIgnoreCase(vault.address()) && journal.batches().members(attempt.txHash()).stream()
                .anyMatch(m -> m.vault().equalsIgnoreCase(vault.address()));
    }

    /** Follows a broadcast rebalance (and its replacements) to a confirmed receipt, or to the timeout. */
    Followed follow(Step.Sent sent) {
        try {
            TxOutcome outcome = supervisor.await(sent.tx(), txTimeout);
            long minedIn = outcome instanceof TxOutcome.Confirmed c ? c.receipt().getBlockNumber().longValueExact() : -1;
            return new Followed(settle(sent.vault(), sent.block(), sent.decision(), outcome), minedIn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Followed(outcomes.say(sent.vault(), sent.block(), Keeper.Outcome.Kind.FAILED,
                    "interrupted while following the transaction", sent.decision()), -1);
        } catch (IOException | RuntimeException e) {
            return new Followed(outcomes.say(sent.vault(), sent.block(), Keeper.Outcome.Kind.FAILED, "following "
                    + sent.tx().hash() + " failed: " + e.getMessage() + "; it stays in the journal", sent.decision()), -1);
        }
    }

    Keeper.Outcome settle(ManagedVault vault, long block, Decision decision, TxOutcome outcome) {
        return switch (outcome) {
            case TxOutcome.Confirmed c -> {
                // reconciliation may have recorded it while the round was being followed
                if (journal.receipt(c.tx().hash()).isEmpty()) journal.recordReceipt(c.tx().hash(), TxReceipts.of(c.receipt()));
                // a batch resumed after a restart: its members' results are journaled with it
                if (!journal.batches().members(c.tx().hash()).isEmpty()) BatchSend.recordResults(journal, c.receipt());
                events.confirmed(vault, c);
                // a resumed follow (no decision of this block) names the journaled transaction it confirmed
                yield outcomes.say(vault, block, c.succeeded() ? Keeper.Outcome.Kind.REBALANCED : Keeper.Outcome.Kind.FAILED,
                        (decision == null ? "journaled transaction " + c.tx().hash() + " " : "")
                                + (c.succeeded() ? "mined" : "reverted on chain") + " in block " + c.receipt().getBlockNumber()
                                + ", gas " + c.receipt().getGasUsed(), decision, "tx", c.tx().hash(), "nonce",
                        c.tx().nonce(), "gasUsed", c.receipt().getGasUsed());
            }
            case TxOutcome.Reorged r -> outcomes.say(vault, block, Keeper.Outcome.Kind.FAILED,
                    "receipt's block " + r.lostBlockHash() + " was reorganised away; re-evaluating", decision);
            case TxOutcome.NonceTakenElsewhere n -> {
                // every journaled hash of this nonce was looked up first (TxSupervisor): none of them is known
                for (TxAttempt a : journal.attemptsAtNonce(sender.from(), n.tx().nonce().longValueExact())) {
                    if (a.status().unresolved()) journal.markDropped(a.txHash(), "nonce used by another transaction");
                }
                yield outcomes.say(vault, block, Keeper.Outcome.Kind.FAILED, "nonce " + n.tx().nonce()
                        + " was used by a transaction not sent by this keeper", decision);
            }
            case TxOutcome.TimedOut t -> outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING,
                    "transaction " + t.latest().hash() + " not final yet; it stays in the journal", decision);
        };
    }
}
