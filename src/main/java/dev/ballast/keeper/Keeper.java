package dev.ballast.keeper;

import dev.ballast.chain.BlockHead;
import dev.ballast.chain.ChainSnapshot;
import dev.ballast.chain.HeadListener;
import dev.ballast.chain.Reorg;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultState;
import dev.ballast.gas.AboveCap;
import dev.ballast.gas.FeeDecision;
import dev.ballast.gas.FeeQuote;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Journal;
import dev.ballast.journal.NewDecision;
import dev.ballast.journal.TxAttempt;
import dev.ballast.journal.TxIntent;
import dev.ballast.journal.TxReceipt;
import dev.ballast.policy.Decision;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalancePolicy;
import dev.ballast.tx.RevertText;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.SignedTx;
import dev.ballast.tx.SimulatedRevertException;
import dev.ballast.tx.TxOutcome;
import dev.ballast.tx.TxSender;
import dev.ballast.tx.TxSupervisor;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's block loop: read every managed vault at the new block (one lens read), let the pure policy decide,
 * refuse what the vault's guards would refuse (saying why), price the transaction, simulate it, journal it, send it
 * and follow it to a confirmed receipt. Exactly one line is logged per vault and block that changes anything worth
 * saying, with the reason and the block number.
 *
 * <p>A block's rebalances go out in rounds: each round sends at most one transaction per pool (so every simulation
 * ran on a pool no other pending rebalance of ours is about to move), then follows all of them to final receipts
 * before the next round. Vaults on different pools thus share one block's wait instead of queueing behind each other's
 * receipts, and a vault is never rebalanced twice from one picture of the chain.
 */
public final class Keeper implements HeadListener {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final List<ManagedVault> vaults;
    private final VaultReader reader;
    private final Supplier<FeeDecision> fees;
    private final TxSender sender;
    private final TxSupervisor supervisor;
    private final Journal journal;
    private final GasModel gasModel;
    private final KeeperEvents events;
    private final Duration txTimeout;
    private final boolean planOnly;
    private final OffChainCheck offChain;
    private final Runnable reconcilePending;
    private final TxSafety safety;
    private final LegRouting routing;
    private final VaultLeases leases;
    private final Map<String, String> lastLine = new ConcurrentHashMap<>();
    /** Decisions that led to no transaction, journaled together once per round (one commit, not one per vault). */
    private final List<NewDecision> quietDecisions = new ArrayList<>();
    /** Holds and the propose/approve gate (issue 19 §2); set before the first block. */
    private volatile Approvals approvals = Approvals.NONE;
    /** The holds read at the start of the current tick: vault (lower case) → who and why. */
    private Map<String, String> holds = Map.of();
    /** Which vaults go out in batches, and through which BatchRebalancer (issue 16 §3); set before the first block. */
    private volatile Batching batching = Batching.OFF;
    private BatchSend batchSend;
    /** Pending batches a member already resumed following in this tick (the other members wait for it). */
    private final java.util.Set<String> resumedBatches = new java.util.HashSet<>();

    public Keeper(List<ManagedVault> vaults, VaultReader reader, Supplier<FeeDecision> fees, TxSender sender,
            TxSupervisor supervisor, Journal journal, GasModel gasModel, KeeperEvents events, Duration txTimeout,
            boolean planOnly, OffChainCheck offChain, Runnable reconcilePending, TxSafety safety) {
        this(vaults, reader, fees, sender, supervisor, journal, gasModel, events, txTimeout, planOnly, offChain, reconcilePending,
                safety, new LegRouting(dev.ballast.venue.RoutingParams.SINGLE_AT_ONCE, gasModel.perSwap()));
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
        this.gasModel = gasModel;
        this.events = events;
        this.txTimeout = txTimeout;
        this.planOnly = planOnly;
        this.offChain = offChain;
        this.reconcilePending = reconcilePending;
        this.safety = safety;
    }

    /**
     * What keeps the send side honest against the chain: the nonce a new transaction may take, the audit of recent
     * receipts against canonical block hashes, and the node the keeper asks about a hash whose broadcast answer was lost.
     */
    public record TxSafety(NonceGuard nonces, ReceiptAudit receipts, org.web3j.protocol.Web3j web3j) {}

    /**
     * The fee picture of the block being handled, fetched once for all of its vaults rather than one eth_feeHistory
     * per vault (1,000 vaults would otherwise spend seconds on identical answers).
     */
    private static final class BlockFees implements Supplier<FeeDecision> {
        private final Supplier<FeeDecision> source;
        private FeeDecision current;

        BlockFees(Supplier<FeeDecision> source) {
            this.source = source;
        }

        @Override
        public FeeDecision get() {
            if (current == null) current = source.get();
            return current;
        }

        void forget() {
            current = null;
        }
    }

    /** Installs the holds and the gate every plan passes before it is sent (default {@link Approvals#NONE}). */
    public void approvals(Approvals approvals) {
        this.approvals = approvals;
    }

    /** Installs batching ({@link Batching#OFF} by default: one transaction per vault). */
    void batching(Batching batching) {
        this.batching = batching;
        this.batchSend = new BatchSend(safety.web3j(), sender, journal, safety.nonces(), leases);
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
            if (t instanceof InterruptedException || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
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
        List<dev.ballast.journal.TxAttempt> reopened = journal.reopenReorged(lost);
        log.warn("reorg: {} block(s) after {} replaced; {} journaled transaction(s) reopened{}", reorg.depth(),
                reorg.commonAncestor(), reopened.size(),
                reopened.isEmpty() ? "" : " (" + String.join(", ", reopened.stream().map(a -> a.txHash()).toList()) + ")");
    }

    /** One pass over every vault at {@code block}; returns what happened to each, in the order of the vaults. */
    public List<Outcome> tick(long block) {
        long at = System.nanoTime();
        if (!planOnly) auditReceipts(block); // plan writes nothing, not even a withdrawn receipt
        if (!planOnly) approvals.settle(block);
        holds = approvals.holds(); // read every block: a hold placed by another process applies from the next one
        resumedBatches.clear();
        Outcome[] outcomes = new Outcome[vaults.size()];
        BlockFees blockFees = new BlockFees(fees);
        if (!planOnly) leases.renew();
        List<Integer> waiting = new ArrayList<>();
        for (int i = 0; i < vaults.size(); i++) {
            if (leases.holds(vaults.get(i).address())) waiting.add(i);
            else outcomes[i] = say(vaults.get(i), block, Outcome.Kind.SKIPPED, "another keeper holds this vault's lease", null);
        }
        long readAt = block;
        at = lap(KeeperStage.PREPARE, at);
        while (!waiting.isEmpty()) {
            // a later round decides from the block holding the previous round's trades, not from the tick's first read
            List<ManagedVault> deciding = waiting.stream().map(vaults::get).toList();
            ChainSnapshot snapshot = reader.readWithVenues(readAt, deciding.stream()
                    .map(v -> new VaultReader.VaultQuery(v.address(), v.venue())).toList(), LegRouting.poolQueries(deciding));
            routing.startRound(snapshot.blockNumber(), snapshot.pools());
            Map<String, VaultState> states = byAddress(snapshot.vaults());
            lap(KeeperStage.READ, at);
            // per pool this round: a lone transaction (-1), or how many vaults of a batch (see room)
            Map<String, Integer> poolLoad = new java.util.HashMap<>();
            List<InFlight> round = new ArrayList<>();
            List<BatchSend.Member> batched = new ArrayList<>();
            List<Integer> nextRound = new ArrayList<>();
            try {
                for (int i : waiting) {
                    ManagedVault vault = vaults.get(i);
                    String poolKey = vault.pool().toLowerCase(java.util.Locale.ROOT);
                    if (!room(poolLoad.get(poolKey), vault)) {
                        nextRound.add(i);
                        continue;
                    }
                    VaultState state = states.get(vault.address().toLowerCase(Locale.ROOT));
                    switch (handle(vault, state, snapshot, blockFees)) {
                        case Outcome done -> outcomes[i] = done;
                        case Sent sent -> {
                            round.add(new InFlight(i, sent));
                            poolLoad.put(poolKey, -1);
                        }
                        case Batchable b -> {
                            batched.add(b.member().at(i));
                            poolLoad.merge(poolKey, 1, Integer::sum);
                        }
                    }
                }
            } finally {
                if (!planOnly) { // the journal is the audit trail of what ran
                    long writing = System.nanoTime();
                    journal.recordDecisions(quietDecisions);
                    events.journalWritten(System.nanoTime() - writing);
                }
                quietDecisions.clear();
            }
            List<BatchRound.InFlight> batches = batchRound().send(batched, snapshot.blockNumber(), outcomes);
            long lastMined = -1;
            for (InFlight f : round) {
                Followed followed = follow(f.sent());
                outcomes[f.index()] = followed.outcome();
                lastMined = Math.max(lastMined, followed.minedIn());
            }
            for (BatchRound.InFlight b : batches) lastMined = Math.max(lastMined, batchRound().follow(b, outcomes));
            blockFees.forget(); // following the round took blocks: price the next one afresh
            if (lastMined < 0) {
                // nothing of ours was mined, so there is no newer block to decide the rest from: the next head will
                for (int i : nextRound) {
                    outcomes[i] = say(vaults.get(i), block, Outcome.Kind.WAITING, "pool " + vaults.get(i).pool()
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

    /** Reports {@code stage} as the time since {@code since}; returns now, the next stage's start. */
    private long lap(KeeperStage stage, long since) {
        long now = System.nanoTime();
        events.stage(stage, now - since);
        return now;
    }

    /**
     * Whether a vault may be handled in this round given its pool's load: a pool takes one lone transaction, or the
     * vaults of one batch up to {@code batch.maxVaults} (each simulated inside the batch, in order, so each vault's
     * guards see the pool the earlier members leave), never both: a second transaction's simulation would not see
     * the first's trades.
     */
    private boolean room(Integer load, ManagedVault vault) {
        if (load == null) return true;
        return load >= 0 && batching.route(vault.address()).isPresent() && load < batching.maxVaults();
    }

    private BatchRound batchRound() {
        return new BatchRound(batchSend, journal, supervisor, events, txTimeout, this::say, this::settle,
                batching.maxVaults());
    }

    /** Receipts of blocks that are gone are withdrawn before anything is decided (see {@link ReceiptAudit}). */
    private void auditReceipts(long block) {
        try {
            safety.receipts().run(block);
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("block {}: checking journaled receipts against the chain failed: {}", block, e.getMessage());
        }
    }

    /** What handling a vault came to: an outcome now, or a broadcast transaction to follow to its receipt. */
    sealed interface Step permits Outcome, Sent, Batchable {}

    /** A rebalance that joins this round's batch instead of going out alone. */
    record Batchable(BatchSend.Member member) implements Step {}

    /** A broadcast rebalance, to be followed once every vault of its round has been sent. */
    record Sent(ManagedVault vault, long block, Decision decision, SentTx tx) implements Step {}

    private record InFlight(int index, Sent sent) {}

    /** A followed rebalance's outcome and the block it was mined in ({@code -1} when it was not confirmed). */
    private record Followed(Outcome outcome, long minedIn) {}

    private Step handle(ManagedVault vault, VaultState state, ChainSnapshot snapshot, BlockFees blockFees) {
        long at = System.nanoTime();
        long block = snapshot.blockNumber();
        if (state == null || !state.hasCode()) {
            log.error("block {} vault {}: no contract code at {} although the vault was there when the keeper started;"
                    + " refusing to act (chain reset, or the wrong node?)", block, vault.label(), vault.address());
            return say(vault, block, Outcome.Kind.REFUSED, "no contract code at " + vault.address(), null);
        }
        if (state.paused()) return say(vault, block, Outcome.Kind.SKIPPED, "vault is paused (guardian override)", null);
        if (journal.hasUnresolved(vault.address())) {
            if (planOnly) {
                return say(vault, block, Outcome.Kind.WAITING, "an earlier transaction for this vault is still pending", null);
            }
            // settle it against the chain first (mined, nonce used elsewhere, or re-broadcast): never a second one
            reconcilePending.run();
            if (journal.hasUnresolved(vault.address())) return resume(vault, block);
        }
        String hold = holds.get(vault.address().toLowerCase(java.util.Locale.ROOT));
        if (hold != null) return say(vault, block, Outcome.Kind.SKIPPED, "on hold (" + hold + "); not deciding", null);
        FeeDecision feeDecision = blockFees.get();
        GasQuote gas = gasQuote(feeDecision);
        PortfolioReader.Result read = PortfolioReader.read(state, snapshot.timestamp(), gas);
        if (read.snapshot().isEmpty()) return say(vault, block, Outcome.Kind.REFUSED, read.refusal(), null);
        PortfolioSnapshot portfolio = read.snapshot().get();
        dev.ballast.policy.PolicyParams params = PortfolioReader.params(state.params(), vault);
        events.observed(vault, block, state, portfolio, params.band());
        Decision decision = new RebalancePolicy(params).decide(portfolio);
        if (!decision.rebalance()) {
            quietDecisions.add(new NewDecision(vault.address(), block, SnapshotJson.of(portfolio), decision.verdict().name(),
                    decision.explain()));
            return say(vault, block, Outcome.Kind.SKIPPED, decision.explain(), decision);
        }
        at = lap(KeeperStage.DECIDE, at);
        LegRouting.Routed routed = routing.route(vault, state, RebalanceCall.firstCall(decision.plan().legs()), gas);
        events.stage(KeeperStage.QUOTE, routing.lastQuoteNanos());
        at = lap(KeeperStage.ROUTE, at + routing.lastQuoteNanos());
        String explained = decision.explain() + "; " + routed.summary();
        long decisionId = planOnly ? -1 : journal.recordDecision(vault.address(), block, SnapshotJson.of(portfolio),
                decision.verdict().name(), explained);

        List<Leg> legs = routed.legs();
        // the lens read the Ballast venue's prices; a quoted venue's guard runs in the vault itself, in the simulation
        Optional<String> manipulated = priceCheck(state, vault, routed.legsThrough(vault.venue()), legs);
        if (manipulated.isPresent()) {
            if (!planOnly) journal.recordDecision(vault.address(), block, "{}", "REFUSED", manipulated.get());
            return say(vault, block, Outcome.Kind.REFUSED, "refusing to trade: " + manipulated.get(), decision);
        }
        if (vault.gasBudget() > 0 && decision.gasCost() > vault.gasBudget()) {
            return say(vault, block, Outcome.Kind.WAITING, "expected gas cost " + dev.ballast.policy.ValueUnits.toDecimal(decision.gasCost())
                    + " is above the vault's gas budget " + dev.ballast.policy.ValueUnits.toDecimal(vault.gasBudget()), decision);
        }
        if (feeDecision instanceof AboveCap cap) {
            String why = "next base fee " + gwei(cap.nextBaseFee()) + " gwei + tip is above the cap of "
                    + gwei(cap.maxFeeCap()) + " gwei";
            return say(vault, block, Outcome.Kind.WAITING, why, decision);
        }
        if (planOnly) {
            return say(vault, block, Outcome.Kind.PLANNED, explained + "; first call: " + legs, decision);
        }
        FeeQuote quote = (FeeQuote) feeDecision;
        Approvals.Candidate candidate = new Approvals.Candidate(vault, state, block, snapshot.timestamp(), decision,
                explained, routed, quote, sender.from(), other -> priceCheck(state, vault, other, other),
                other -> routing.route(vault, state, other, gas).routes().stream()
                        .map(r -> r.map(dev.ballast.venue.Route::expectedOut)).toList());
        Approvals.Gate gate = approvals.gate(candidate);
        lap(KeeperStage.CHECK, at);
        return switch (gate) {
            case Approvals.Gate.Send s -> batchable(vault, decisionId, decision, explained + s.note(), s, quote)
                    .<Step>map(Batchable::new)
                    .orElseGet(() -> send(vault, block, decisionId, decision, explained + s.note(), s.to(), s.data(), quote));
            case Approvals.Gate.Stop stop -> say(vault, block, stop.kind(), stop.message(), decision, stop.fields());
        };
    }

    /**
     * The vault's part of a batch, when batching covers it and the gate would send the vault's own rebalance from this
     * keeper (a Safe's execTransaction, say, goes out alone).
     */
    private Optional<BatchSend.Member> batchable(ManagedVault vault, long decisionId, Decision decision, String explained,
            Approvals.Gate.Send s, FeeQuote quote) {
        Optional<Batching.Route> route = batching.route(vault.address());
        if (route.isEmpty() || !s.to().equalsIgnoreCase(vault.address())) return Optional.empty();
        return RebalanceCall.decode(s.data()).map(legs -> new BatchSend.Member(-1, vault, decisionId, decision, explained,
                legs, quote, route.get()));
    }

    /**
     * The keeper's price checks: the manipulation check on the legs through the Ballast venue (whose prices the lens
     * read), then the off-chain sources on every leg. An approval re-check passes the proposal's legs as both.
     */
    private Optional<String> priceCheck(VaultState state, ManagedVault vault, List<Leg> ballastLegs, List<Leg> legs) {
        Optional<String> manipulated = ManipulationCheck.check(state, vault.venue(), ballastLegs)
                .map(ManipulationCheck.Refusal::reason);
        return manipulated.isPresent() ? manipulated : offChain.check(state, legs);
    }

    /**
     * Simulates, signs at the guarded nonce, journals and broadcasts; the receipt is followed later, with the rest of
     * the round. Identical bytes already journaled (the same decision at the same nonce and fees) are re-broadcast
     * under their journal row, never inserted twice. A lost broadcast answer leaves the attempt PENDING_UNKNOWN.
     */
    private Step send(ManagedVault vault, long block, long decisionId, Decision decision, String explained, String to,
            String data, FeeQuote quote) {
        try {
            long at = System.nanoTime();
            BigInteger gasLimit = sender.simulate(to, data, quote.maxFeePerGas());
            at = lap(KeeperStage.SIMULATE, at);
            NonceGuard.Choice nonce = safety.nonces().next();
            if (!nonce.allowed()) return say(vault, block, Outcome.Kind.WAITING, "not signing: " + nonce.refusal(), decision);
            SignedTx signed = sender.signAt(nonce.nonce(), to, data, gasLimit, quote);
            at = lap(KeeperStage.SIGN, at);
            journalIntent(decisionId, vault, signed);
            say(vault, block, Outcome.Kind.SENT, explained + "; sending " + signed.hash() + " (nonce "
                    + signed.nonce() + ", max fee " + gwei(quote.maxFeePerGas()) + " gwei)", decision, "tx", signed.hash(),
                    "nonce", signed.nonce());
            SentTx sent;
            at = lap(KeeperStage.INTENT, at);
            try {
                sent = sender.broadcast(signed);
                lap(KeeperStage.BROADCAST, at);
            } catch (dev.ballast.tx.TxRejectedException e) {
                if (e.nonceUsed()) return unknownOutcome(vault, block, decision, signed, e); // perhaps by these very bytes
                journal.markRejected(signed.hash(), e.getMessage());
                throw e;
            } catch (java.io.IOException e) {
                return unknownOutcome(vault, block, decision, signed, e);
            }
            journal.markSent(sent.hash());
            events.sent(vault, sent);
            return new Sent(vault, block, decision, sent);
        } catch (dev.ballast.journal.LeaseLostException e) {
            return say(vault, block, Outcome.Kind.WAITING, "not sent: " + e.getMessage(), decision);
        } catch (dev.ballast.tx.InsufficientFundsException e) {
            return say(vault, block, Outcome.Kind.WAITING, "not signing: " + e.getMessage(), decision);
        } catch (SimulatedRevertException e) {
            journal.recordDecision(vault.address(), block, "{}", "SIMULATION_REVERTED", e.revert().toString());
            return say(vault, block, Outcome.Kind.REFUSED, "not sent: simulation reverted with "
                    + RevertText.describe(e.revert(), RevertText.Tokens.NONE), decision);
        } catch (java.io.IOException | RuntimeException e) {
            return say(vault, block, Outcome.Kind.FAILED, "send failed: " + e.getMessage(), decision);
        }
    }

    private void journalIntent(long decisionId, ManagedVault vault, SignedTx signed) {
        Optional<TxAttempt> existing = journal.attempt(signed.hash());
        if (existing.isEmpty()) {
            TxIntent intent = intent(decisionId, vault, signed);
            Optional<dev.ballast.journal.Fence> fence = leases.fence(vault.address());
            if (fence.isPresent()) journal.recordIntent(intent, fence.get()); // refused if the lease was lost meanwhile
            else journal.recordIntent(intent);
        } else if (existing.get().status() == AttemptStatus.REJECTED) {
            journal.reopenRejected(signed.hash());
        } else if (!existing.get().status().unresolved()) {
            throw new IllegalStateException("identical transaction " + signed.hash() + " is already " + existing.get().status());
        }
    }

    /**
     * The node's answer to the broadcast was lost: the transaction may be in its pool, mined, or never seen. It is
     * journaled PENDING_UNKNOWN and looked up by hash at once; known, it is followed like any sent transaction,
     * unknown, the journaled bytes are re-broadcast at the next block (never re-decided, never re-signed).
     */
    private Step unknownOutcome(ManagedVault vault, long block, Decision decision, SignedTx signed, java.io.IOException e) {
        journal.markUnknown(signed.hash(), "broadcast outcome unknown: " + e.getMessage());
        try {
            if (JournaledTx.nodeKnows(safety.web3j(), signed.hash())) {
                journal.markSent(signed.hash());
                SentTx sent = new SentTx(signed.nonce(), signed.hash(), signed.to(), signed.data(), signed.gasLimit(),
                        signed.fees(), java.time.Instant.now());
                events.sent(vault, sent);
                return new Sent(vault, block, decision, sent);
            }
        } catch (java.io.IOException | RuntimeException lookup) {
            // the lookup failed too: the next block's reconciliation asks again
        }
        return say(vault, block, Outcome.Kind.WAITING, "broadcast of " + signed.hash() + " (nonce " + signed.nonce()
                + ") got no answer (" + e.getMessage() + "); it is PENDING_UNKNOWN and is looked up and re-broadcast from"
                + " the journal", decision);
    }

    /**
     * The vault's transaction is still open after reconciliation. When the node holds it, it is followed again (and
     * replaced at the current base fee if it is stuck); otherwise its journaled bytes were just re-broadcast.
     */
    private Step resume(ManagedVault vault, long block) {
        Optional<TxAttempt> open = journal.pendingNonces().stream()
                .filter(p -> p.vault().equalsIgnoreCase(vault.address()) || memberOf(p.newest(), vault))
                .map(dev.ballast.journal.PendingNonce::newest)
                // another keeper's transaction (it died, or handed the vault over) is settled by reconciliation from its
                // journaled bytes, never followed and replaced with this keeper's key
                .filter(a -> a.sender().equalsIgnoreCase(sender.from()))
                .filter(a -> a.status() == AttemptStatus.SENT || a.status() == AttemptStatus.REPLACED)
                .findFirst();
        if (open.isEmpty()) {
            return say(vault, block, Outcome.Kind.WAITING, "an earlier transaction for this vault is still pending", null);
        }
        boolean batch = !open.get().vault().equalsIgnoreCase(vault.address());
        if (batch && !resumedBatches.add(open.get().txHash())) {
            return say(vault, block, Outcome.Kind.WAITING, "in the pending batch " + open.get().txHash()
                    + ", followed for another of its vaults in this block", null);
        }
        say(vault, block, Outcome.Kind.WAITING, "following the journaled " + (batch ? "batch " : "transaction ") + open.get().txHash() + " (nonce "
                + open.get().nonce() + ") to its receipt before deciding again", null);
        return new Sent(vault, block, null, JournaledTx.followable(open.get()));
    }

    private boolean memberOf(TxAttempt attempt, ManagedVault vault) {
        return !attempt.vault().equalsIgnoreCase(vault.address()) && journal.batches().members(attempt.txHash()).stream()
                .anyMatch(m -> m.vault().equalsIgnoreCase(vault.address()));
    }

    /** Follows a broadcast rebalance (and its replacements) to a confirmed receipt, or to the timeout. */
    private Followed follow(Sent sent) {
        try {
            TxOutcome outcome = supervisor.await(sent.tx(), txTimeout);
            long minedIn = outcome instanceof TxOutcome.Confirmed c ? c.receipt().getBlockNumber().longValueExact() : -1;
            return new Followed(settle(sent.vault(), sent.block(), sent.decision(), outcome), minedIn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Followed(say(sent.vault(), sent.block(), Outcome.Kind.FAILED, "interrupted while following the transaction",
                    sent.decision()), -1);
        } catch (java.io.IOException | RuntimeException e) {
            return new Followed(say(sent.vault(), sent.block(), Outcome.Kind.FAILED, "following " + sent.tx().hash()
                    + " failed: " + e.getMessage() + "; it stays in the journal", sent.decision()), -1);
        }
    }

    Outcome settle(ManagedVault vault, long block, Decision decision, TxOutcome outcome) {
        return switch (outcome) {
            case TxOutcome.Confirmed c -> {
                // reconciliation may have recorded it while the round was being followed
                if (journal.receipt(c.tx().hash()).isEmpty()) journal.recordReceipt(c.tx().hash(), TxReceipts.of(c.receipt()));
                // a batch resumed after a restart: its members' results are journaled with it
                if (!journal.batches().members(c.tx().hash()).isEmpty()) BatchSend.recordResults(journal, c.receipt());
                events.confirmed(vault, c);
                // a resumed follow (no decision of this block) names the journaled transaction it confirmed
                yield say(vault, block, c.succeeded() ? Outcome.Kind.REBALANCED : Outcome.Kind.FAILED,
                        (decision == null ? "journaled transaction " + c.tx().hash() + " " : "")
                                + (c.succeeded() ? "mined" : "reverted on chain") + " in block " + c.receipt().getBlockNumber()
                                + ", gas " + c.receipt().getGasUsed(), decision, "tx", c.tx().hash(), "nonce",
                        c.tx().nonce(), "gasUsed", c.receipt().getGasUsed());
            }
            case TxOutcome.Reorged r -> say(vault, block, Outcome.Kind.FAILED,
                    "receipt's block " + r.lostBlockHash() + " was reorganised away; re-evaluating", decision);
            case TxOutcome.NonceTakenElsewhere n -> {
                // every journaled hash of this nonce was looked up first (TxSupervisor): none of them is known
                for (TxAttempt a : journal.attemptsAtNonce(sender.from(), n.tx().nonce().longValueExact())) {
                    if (a.status().unresolved()) journal.markDropped(a.txHash(), "nonce used by another transaction");
                }
                yield say(vault, block, Outcome.Kind.FAILED, "nonce " + n.tx().nonce() + " was used by a transaction not sent by this keeper", decision);
            }
            case TxOutcome.TimedOut t -> say(vault, block, Outcome.Kind.WAITING,
                    "transaction " + t.latest().hash() + " not final yet; it stays in the journal", decision);
        };
    }

    private TxIntent intent(long decisionId, ManagedVault vault, SignedTx signed) {
        return new TxIntent(decisionId, vault.address(), sender.from(), signed.nonce().longValueExact(), signed.hash(),
                signed.raw(), signed.fees().maxFeePerGas(), signed.fees().maxPriorityFeePerGas());
    }

    private GasQuote gasQuote(FeeDecision decision) {
        BigInteger price = switch (decision) {
            case FeeQuote q -> q.maxFeePerGas();
            case AboveCap c -> c.nextBaseFee().add(c.priorityFee());
        };
        return new GasQuote(price.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact(), gasModel.perRebalance(),
                gasModel.perSwap(), gasModel.nativePriceValueUnits());
    }

    /** The read vaults by lower-case address: one lookup per vault, not a scan of the whole read per vault. */
    private static Map<String, VaultState> byAddress(List<VaultState> states) {
        Map<String, VaultState> out = new HashMap<>();
        for (VaultState s : states) out.putIfAbsent(s.address().toLowerCase(Locale.ROOT), s);
        return out;
    }

    /** Logs the outcome once per change of message, so a quiet vault does not repeat itself every block. */
    private Outcome say(ManagedVault vault, long block, Outcome.Kind kind, String message, Decision decision) {
        return say(vault, block, kind, message, decision, new Object[0]);
    }

    /**
     * Also carries named fields for JSON logs ({@code vault}, {@code block}, {@code decision}, {@code reason}, then
     * {@code fields} as name/value pairs: {@code tx}, {@code nonce}, {@code gasUsed}), so log tools query them.
     */
    Outcome say(ManagedVault vault, long block, Outcome.Kind kind, String message, Decision decision,
            Object... fields) {
        Outcome outcome = new Outcome(vault, block, kind, message, decision);
        String key = kind + ":" + message;
        if (!key.equals(lastLine.put(vault.address(), key)) || kind != Outcome.Kind.SKIPPED) {
            String decided = kind.name().toLowerCase();
            boolean policyReason = decision != null && (kind == Outcome.Kind.SKIPPED || kind == Outcome.Kind.SENT
                    || kind == Outcome.Kind.REBALANCED || kind == Outcome.Kind.PLANNED);
            var line = log.atInfo().addKeyValue("vault", vault.label()).addKeyValue("block", block)
                    .addKeyValue("decision", decided)
                    .addKeyValue("reason", policyReason ? decision.verdict().name().toLowerCase() : message);
            for (int i = 0; i + 1 < fields.length; i += 2) line = line.addKeyValue((String) fields[i], fields[i + 1]);
            line.log("block {} vault {} [{}] {}", block, vault.label(), decided, message);
        }
        events.decided(outcome);
        return outcome;
    }

    private static String gwei(BigInteger wei) {
        return new java.math.BigDecimal(wei, 9).stripTrailingZeros().toPlainString();
    }

    /** What the keeper did with one vault at one block. */
    public record Outcome(ManagedVault vault, long block, Kind kind, String message, Decision decision) implements Step {
        public enum Kind { SKIPPED, REFUSED, WAITING, PLANNED, SENT, REBALANCED, FAILED, PROPOSED }
    }
}
