package dev.ballast.keeper;

import dev.ballast.gas.FeeQuote;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Fence;
import dev.ballast.journal.Journal;
import dev.ballast.journal.LeaseLostException;
import dev.ballast.journal.TxAttempt;
import dev.ballast.journal.TxIntent;
import dev.ballast.policy.Decision;
import dev.ballast.tx.InsufficientFundsException;
import dev.ballast.tx.RevertText;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.SignedTx;
import dev.ballast.tx.SimulatedRevertException;
import dev.ballast.tx.TxRejectedException;
import dev.ballast.tx.TxSender;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One vault's rebalance going out alone: simulated, signed at the guarded nonce, journaled as an intent (fenced by the
 * vault's lease on a shared journal) and broadcast; its receipt is followed later, with the rest of the round
 * ({@link Settlement}).
 */
final class LoneSend {
    private final TxSender sender;
    private final Journal journal;
    private final Keeper.TxSafety safety;
    private final VaultLeases leases;
    private final KeeperEvents events;
    private final OutcomeLog outcomes;

    LoneSend(TxSender sender, Journal journal, Keeper.TxSafety safety, VaultLeases leases, KeeperEvents events,
            OutcomeLog outcomes) {
        this.sender = sender;
        this.journal = journal;
        this.safety = safety;
        this.leases = leases;
        this.events = events;
        this.outcomes = outcomes;
    }

    /**
     * Simulates, signs at the guarded nonce, journals and broadcasts. Identical bytes already journaled (the same
     * decision at the same nonce and fees) are re-broadcast under their journal row, never inserted twice. A lost
     * broadcast answer leaves the attempt PENDING_UNKNOWN.
     */
    Step send(ManagedVault vault, long block, long decisionId, Decision decision, String explained, String to,
            String data, FeeQuote quote) {
        try {
            long at = System.nanoTime();
            BigInteger gasLimit = sender.simulate(to, data, quote.maxFeePerGas());
            at = KeeperStage.SIMULATE.lap(events, at);
            NonceGuard.Choice nonce = safety.nonces().next();
            if (!nonce.allowed()) {
                return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "not signing: " + nonce.refusal(), decision);
            }
            SignedTx signed = sender.signAt(nonce.nonce(), to, data, gasLimit, quote);
            at = KeeperStage.SIGN.lap(events, at);
            journalIntent(decisionId, vault, signed);
            outcomes.say(vault, block, Keeper.Outcome.Kind.SENT, explained + "; sending " + signed.hash() + " (nonce "
                    + signed.nonce() + ", max fee " + OutcomeLog.gwei(quote.maxFeePerGas()) + " gwei)", decision, "tx",
                    signed.hash(), "nonce", signed.nonce());
            SentTx sent;
            at = KeeperStage.INTENT.lap(events, at);
            try {
                sent = sender.broadcast(signed);
                KeeperStage.BROADCAST.lap(events, at);
            } catch (TxRejectedException e) {
                if (e.nonceUsed()) return unknownOutcome(vault, block, decision, signed, e); // perhaps by these very bytes
                journal.markRejected(signed.hash(), e.getMessage());
                throw e;
            } catch (IOException e) {
                return unknownOutcome(vault, block, decision, signed, e);
            }
            journal.markSent(sent.hash());
            events.sent(vault, sent);
            return new Step.Sent(vault, block, decision, sent);
        } catch (LeaseLostException e) {
            return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "not sent: " + e.getMessage(), decision);
        } catch (InsufficientFundsException e) {
            return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "not signing: " + e.getMessage(), decision);
        } catch (SimulatedRevertException e) {
            journal.recordDecision(vault.address(), block, "{}", "SIMULATION_REVERTED", e.revert().toString());
            return outcomes.say(vault, block, Keeper.Outcome.Kind.REFUSED, "not sent: simulation reverted with "
                    + RevertText.describe(e.revert(), RevertText.Tokens.NONE), decision);
        } catch (IOException | RuntimeException e) {
            return outcomes.say(vault, block, Keeper.Outcome.Kind.FAILED, "send failed: " + e.getMessage(), decision);
        }
    }

    /**
     * Journals the signed bytes under the vault's lease before they are broadcast. The lease is asked whichever branch is
     * taken: bytes journaled earlier and REJECTED (resolved, so the vault's next holder may have acted since) or still
     * open go out again only while this keeper holds the lease it decided under, as a fresh intent does.
     *
     * @throws LeaseLostException when the lease was lost since the decision: nothing journaled or reopened, nothing sent
     */
    private void journalIntent(long decisionId, ManagedVault vault, SignedTx signed) {
        List<Fence> fence = leases.fence(vault.address()).stream().toList(); // none for a lone keeper
        Optional<TxAttempt> existing = journal.attempt(signed.hash());
        if (existing.isEmpty()) {
            TxIntent intent = new TxIntent(decisionId, vault.address(), sender.from(), signed.nonce().longValueExact(),
                    signed.hash(), signed.raw(), signed.fees().maxFeePerGas(), signed.fees().maxPriorityFeePerGas());
            // the database checks the fence in the insert's own transaction: refused if the lease is lost even now
            if (fence.isEmpty()) journal.recordIntent(intent);
            else journal.recordIntent(intent, fence.getFirst());
        } else if (existing.get().status() == AttemptStatus.REJECTED) {
            journal.reopenRejected(signed.hash(), fence); // fenced in the reopening's own transaction
        } else if (existing.get().status().unresolved()) {
            journal.checkFences(fence); // open bytes go out again with nothing to write: the lease is asked all the same
        } else {
            throw new IllegalStateException("identical transaction " + signed.hash() + " is already " + existing.get().status());
        }
    }

    /**
     * The node's answer to the broadcast was lost: the transaction may be in its pool, mined, or never seen. It is
     * journaled PENDING_UNKNOWN and looked up by hash at once; known, it is followed like any sent transaction,
     * unknown, the journaled bytes are re-broadcast at the next block (never re-decided, never re-signed).
     */
    private Step unknownOutcome(ManagedVault vault, long block, Decision decision, SignedTx signed, IOException e) {
        journal.markUnknown(signed.hash(), "broadcast outcome unknown: " + e.getMessage());
        try {
            if (JournaledTx.nodeKnows(safety.web3j(), signed.hash())) {
                journal.markSent(signed.hash());
                SentTx sent = new SentTx(signed.nonce(), signed.hash(), signed.to(), signed.data(), signed.gasLimit(),
                        signed.fees(), Instant.now());
                events.sent(vault, sent);
                return new Step.Sent(vault, block, decision, sent);
            }
        } catch (IOException | RuntimeException lookup) {
            // the lookup failed too: the next block's reconciliation asks again
        }
        return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "broadcast of " + signed.hash() + " (nonce "
                + signed.nonce() + ") got no answer (" + e.getMessage() + "); it is PENDING_UNKNOWN and is looked up and"
                + " re-broadcast from the journal", decision);
    }
}
