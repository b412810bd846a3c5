package dev.ballast.keeper;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.ChainSnapshot;
import dev.ballast.chain.HeadListener;
import dev.ballast.chain.Reorg;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultState;
import dev.ballast.gas.FeeDecision;
import dev.ballast.journal.Journal;
import dev.ballast.journal.NewDecision;
import dev.ballast.journal.TxAttempt;
import dev.ballast.policy.Decision;
import dev.ballast.tx.TxSender;
import dev.ballast.tx.TxSupervisor;
import dev.ballast.venue.RoutingParams;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;

/**
 * The keeper's block loop: read every managed vault at the new block (one lens read), let the pure policy decide,
 * refuse what the vault's guards would refuse (saying why), price the transaction, simulate it, journal it, send it
 * and follow it to a confirmed receipt. Exactly one line is logged per vault and block that changes anything worth
 * saying, with the reason and the block number.
 *
 * <p>A block's rebalances go out in rounds: each round sends at most one lone transaction per pool (so every
 * simulation ran on a pool no other pending rebalance of ours is about to move), or all of the pool's batched vaults in
 * as many batches as they fill, simulated in sequence so that each batch's simulation saw the earlier ones' trades;
 * then it follows all of them to final receipts
 * before the next round. Vaults on different pools thus share one block's wait instead of queueing behind each other's
 * receipts, and a vault is never rebalanced twice from one picture of the chain.
 *
 * <p>This class is the loop (read → snapshot → decide → act → journal, per round); the steps live beside it:
 * {@link VaultHandler} decides and checks one vault, {@link LoneSend} sends a lone rebalance, {@link BatchRound} a
 * round's batches, {@link Settlement} follows what was sent to its receipt, {@link OutcomeLog} says what happened.
 */
public final class Keeper implements HeadListener {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final List<ManagedVault> vaults;
    private final VaultReader reader;
    private final Supplier<FeeDecision> fees;
    private final TxSender sender;
    private final TxSupervisor supervisor;
    private final Journal journal;
    private final KeeperEvents events;
    private final Duration txTimeout;
    private final boolean planOnly;
    private final TxSafety safety;
    private final LegRouting routing;
    private final VaultLeases leases;
    private final OutcomeLog outcomeLog;
    private final Settlement settlement;
    private final VaultHandler handler;
    /** Holds and the propose/approve gate (issue 19 §2); set before the first block. */
    private volatile Approvals approvals = Approvals.NONE;
    /** Which vaults go out in batches, and through which BatchRebalancer (issue 16 §3); set before the first block. */
    private volatile Batching batching = Batching.OFF;
    private BatchSend batchSend;

    public Keeper(List<ManagedVault> vaults, VaultReader reader, Supplier<FeeDecision> fees, TxSender sender,
            TxSupervisor supervisor, Journal journal, GasModel gasModel, KeeperEvents events, Duration txTimeout,
            boolean planOnly, OffChainCheck offChain, Runnable reconcilePending, TxSafety safety) {
        this(vaults, reader, fees, sender, supervisor, journal, gasModel, events, txTimeout, planOnly, offChain, reconcilePending,
                safety, new LegRouting(RoutingParams.SINGLE_AT_ONCE, gasModel.perSwap()));
    }

    /** A keeper routing each leg with {@code routing} (the other constructor: one venue, at once, never sliced). */
    public Keeper(List<ManagedVault> vaults, VaultReader reader, Supplier<FeeDecision> fees, TxSender sender,
            TxSupervisor supervisor, Journal journal, GasModel gasModel, KeeperEvents events, Duration txTimeout,
            boolean planOnly, OffChainCheck offChain, Runnable reconcilePending, TxSafety safety, LegRouting routing) {
        this(vaults, reader, fees, sender, supervisor, journal, gasModel, events, txTimeout, planOnly, offChain,
                reconcilePending, safety, routing, VaultLeases.SOLE);
    }

    /** A keeper that acts only on the vaults whose lease it holds ({@code leases}), one of several on a shared journal. */
    public Keeper(List<ManagedVault> vaults, VaultReader reader, Supplier<FeeDecision> fees, TxSender sender,
            TxSupervisor supervisor, Journal journal, GasModel gasModel, KeeperEvents events, Duration txTimeout,
            boolean planOnly, OffChainCheck offChain, Runnable reconcilePending, TxSafety safety, LegRouting routing,
            VaultLeases leases) {
        this.leases = leases;
        this.routing = routing;
        this.vaults = List.copyOf(vaults);
        this.reader = reader;
        this.fees = fees;
        this.sender = sender;
        this.supervisor = supervisor;
        this.journal = journal;
        this.events = events;
        this.txTimeout = txTimeout;
        this.planOnly = planOnly;
        this.safety = safety;
        this.outcomeLog = new OutcomeLog(events);
        this.settlement = new Settlement(journal, supervisor, sender, events, txTimeout, outcomeLog);
        this.handler = new VaultHandler(journal, sender, gasModel, events, planOnly, offChain, reconcilePending, routing,
                outcomeLog, new LoneSend(sender, journal, safety, leases, events, outcomeLog), settlement);
    }

    /**
     * What keeps the send side honest against the chain: the nonce a new transaction may take, the audit of recent
     * receipts against canonical block hashes, and the node the keeper asks about a hash whose broadcast answer was lost.
     */
    public record TxSafety(NonceGuard nonces, ReceiptAudit receipts, Web3j web3j) {}

    /** Installs the holds and the gate every plan passes before it is sent (default {@link Approvals#NONE}). */
    public void approvals(Approvals approvals) {
        this.approvals = approvals;
        handler.approvals(approvals);
    }

    /** Installs batching ({@link Batching#OFF} by default: one transaction per vault). */
    void batching(Batching batching) {
        this.batching = batching;
        this.batchSend = new BatchSend(safety.web3j(), sender, journal, safety.nonces(), leases, events);
        handler.batching(batching);
    }

    /** How the gas of a plan is valued: units per call and per swap, and the native token's price. */
    public record GasModel(long perRebalance, long perSwap, long nativePriceValueUnits) {}

    @Override
    public void onBlock(BlockHead head) {
        long started = System.nanoTime();
        events.headStarted(head);
        try {
            tick(head.number());
            events.headFinished(head, System.nanoTime() - started);
        } catch (RuntimeException e) {
            if (stopping(e)) {
                // a stop request interrupted the step: what was signed is in the journal and settles at the next start
                log.info("block {}: stopped while handling it ({}); pending work stays in the journal", head.number(),
                        e.getMessage());
                Thread.currentThread().interrupt();
                return;
            }
            log.error("block {}: keeper step failed: {}", head.number(), e.getMessage());
        }
    }

    /** Whether {@code e} is the keeper's thread being interrupted to stop, rather than a fault. */
    private static boolean stopping(Throwable e) {
        if (Thread.currentThread().isInterrupted()) return true;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Receipts from the dropped blocks no longer prove anything: their attempts are reopened, so the next block
     * reconciles them against the new branch (mined again, still pending and re-broadcast, or replaced by another
     * nonce user) before the vault is decided afresh.
     */
    @Override
    public void onReorg(Reorg reorg) {
        List<String> lost = reorg.dropped().stream().map(BlockHead::hash).toList();
        List<TxAttempt> reopened = journal.reopenReorged(lost);
        log.warn("reorg: {} block(s) after {} replaced; {} journaled transaction(s) reopened{}", reorg.depth(),
                reorg.commonAncestor(), reopened.size(),
                reopened.isEmpty() ? "" : " (" + String.join(", ", reopened.stream().map(a -> a.txHash()).toList()) + ")");
    }

    /**
     * One pass over every vault at {@code block}; returns what happened to each, in the order of the vaults. Each
     * round reads the vaults still waiting (one lens read: the snapshot), lets {@link VaultHandler} decide and check
     * each, sends the round's lone transactions and batches, journals the quiet decisions, then follows everything
     * sent to its receipt ({@link Settlement}) before the next round reads again.
     */
    public List<Outcome> tick(long block) {
        long at = System.nanoTime();
        if (!planOnly) auditReceipts(block); // plan writes nothing, not even a withdrawn receipt
        if (!planOnly) approvals.settle(block);
        handler.holds(approvals.holds()); // read every block: a hold placed by another process applies from the next one
        settlement.newTick();
        Outcome[] outcomes = new Outcome[vaults.size()];
        BlockFees blockFees = new BlockFees(fees);
        if (!planOnly) leases.renew();
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < vaults.size(); i++) {
            if (leases.holds(vaults.get(i).address())) waiting.add(i);
            else outcomes[i] = outcomeLog.say(vaults.get(i), block, Outcome.Kind.SKIPPED,
                    "another keeper holds this vault's lease", null);
        }
        long readAt = block;
        at = KeeperStage.PREPARE.lap(events, at);
        while (!waiting.isEmpty()) {
            // a later round decides from the block holding the previous round's trades, not from the tick's first read
            List<ManagedVault> deciding = waiting.stream().map(vaults::get).toList();
            ChainSnapshot snapshot = reader.readWithVenues(readAt, deciding.stream()
                    .map(v -> new VaultReader.VaultQuery(v.address(), v.venue())).toList(), LegRouting.poolQueries(deciding));
            routing.startRound(snapshot.blockNumber(), snapshot.pools());
            handler.unresolved(journal.unresolvedVaults());
            Map<String, VaultState> states = byAddress(snapshot.vaults());
            KeeperStage.READ.lap(events, at);
            // per pool this round: a lone transaction (-1), or how many vaults of a batch (see room)
            Map<String, Integer> poolLoad = new HashMap<>();
            List<InFlight> round = new ArrayList<>();
            List<BatchSend.Member> batched = new ArrayList<>();
            List<Integer> nextRound = new ArrayList<>();
            try {
                for (int i : waiting) {
                    ManagedVault vault = vaults.get(i);
                    String poolKey = vault.pool().toLowerCase(Locale.ROOT);
                    if (!room(poolLoad.get(poolKey), vault)) {
                        nextRound.add(i);
                        continue;
                    }
                    VaultState state = states.get(vault.address().toLowerCase(Locale.ROOT));
                    switch (handler.handle(vault, state, snapshot, blockFees)) {
                        case Outcome done -> outcomes[i] = done;
                        case Step.Sent sent -> {
                            round.add(new InFlight(i, sent));
                            poolLoad.put(poolKey, -1);
                        }
                        case Step.Batchable b -> {
                            batched.add(b.member().at(i));
                            poolLoad.merge(poolKey, 1, Integer::sum);
                        }
                    }
                }
            } finally {
                List<NewDecision> quiet = handler.takeQuietDecisions();
                if (!planOnly) { // the journal is the audit trail of what ran
                    long writing = System.nanoTime();
                    journal.recordDecisions(quiet);
                    events.journalWritten(System.nanoTime() - writing);
                }
            }
            List<BatchRound.InFlight> batches = batchRound().send(batched, snapshot.blockNumber(), outcomes);
            long lastMined = -1;
            for (InFlight f : round) {
                Settlement.Followed followed = settlement.follow(f.sent());
                outcomes[f.index()] = followed.outcome();
                lastMined = Math.max(lastMined, followed.minedIn());
            }
            for (BatchRound.InFlight b : batches) lastMined = Math.max(lastMined, batchRound().follow(b, outcomes));
            blockFees.forget(); // following the round took blocks: price the next one afresh
            if (lastMined < 0) {
                // nothing of ours was mined, so there is no newer block to decide the rest from: the next head will
                for (int i : nextRound) {
                    outcomes[i] = outcomeLog.say(vaults.get(i), block, Outcome.Kind.WAITING, "pool " + vaults.get(i).pool()
                            + " has a rebalance of ours that is not final; deciding again at the next block", null);
                }
                break;
            }
            readAt = lastMined;
            waiting = nextRound;
            at = System.nanoTime();
        }
        return List.of(outcomes);
    }

    /**
     * Whether a vault may be handled in this round given its pool's load: a pool takes one lone transaction, or
     * batched vaults, never both (a lone transaction's simulation would not see the batches' trades). Batched vaults
     * of one pool may fill several batches of one block when the node simulates the block's batches in sequence
     * (each on the pool the earlier ones leave, {@link BatchSend#sendAll}); otherwise a pool takes one batch of up to
     * {@code batch.maxVaults} a round, each vault simulated inside it in order.
     */
    private boolean room(Integer load, ManagedVault vault) {
        if (load == null) return true;
        if (load < 0 || batching.route(vault.address()).isEmpty()) return false;
        return batchSend.sequential() || load < batching.maxVaults();
    }

    private BatchRound batchRound() {
        return new BatchRound(batchSend, journal, supervisor, events, txTimeout, outcomeLog::say, settlement::settle,
                batching.maxVaults());
    }

    /** Receipts of blocks that are gone are withdrawn before anything is decided (see {@link ReceiptAudit}). */
    private void auditReceipts(long block) {
        try {
            safety.receipts().run(block);
        } catch (IOException | RuntimeException e) {
            log.warn("block {}: checking journaled receipts against the chain failed: {}", block, e.getMessage());
        }
    }

    private record InFlight(int index, Step.Sent sent) {}

    /** The read vaults by lower-case address: one lookup per vault, not a scan of the whole read per vault. */
    private static Map<String, VaultState> byAddress(List<VaultState> states) {
        Map<String, VaultState> out = new HashMap<>();
        for (VaultState s : states) out.putIfAbsent(s.address().toLowerCase(Locale.ROOT), s);
        return out;
    }

    /** What the keeper did with one vault at one block. */
    public record Outcome(ManagedVault vault, long block, Kind kind, String message, Decision decision) implements Step {
        public enum Kind { SKIPPED, REFUSED, WAITING, PLANNED, SENT, REBALANCED, FAILED, PROPOSED }
    }
}
