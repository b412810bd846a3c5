package dev.ballast.keeper;

import dev.ballast.chain.ChainSnapshot;
import dev.ballast.chain.VaultState;
import dev.ballast.gas.AboveCap;
import dev.ballast.gas.FeeDecision;
import dev.ballast.gas.FeeQuote;
import dev.ballast.journal.Journal;
import dev.ballast.journal.NewDecision;
import dev.ballast.policy.Decision;
import dev.ballast.policy.GasQuote;
import dev.ballast.policy.Leg;
import dev.ballast.policy.PolicyParams;
import dev.ballast.policy.PortfolioSnapshot;
import dev.ballast.policy.RebalancePolicy;
import dev.ballast.policy.ValueUnits;
import dev.ballast.tx.TxSender;
import dev.ballast.venue.Route;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One vault at one block, from its read state to what the keeper does with it: refuse a vault with no code, skip a
 * paused or held one, settle an open transaction first; then snapshot, the pure policy's decision, the route, the
 * price checks, the gas budget and fee cap, and the approval gate. What passes goes out alone ({@link LoneSend}) or
 * joins the round's batch.
 */
final class VaultHandler {
    private static final Logger log = LoggerFactory.getLogger("keeper");

    private final Journal journal;
    private final TxSender sender;
    private final Keeper.GasModel gasModel;
    private final KeeperEvents events;
    private final boolean planOnly;
    private final OffChainCheck offChain;
    private final Runnable reconcilePending;
    private final LegRouting routing;
    private final OutcomeLog outcomes;
    private final LoneSend lone;
    private final Settlement settlement;
    /** Decisions that led to no transaction, journaled together once per round (one commit, not one per vault). */
    private final List<NewDecision> quietDecisions = new ArrayList<>();
    private volatile Approvals approvals = Approvals.NONE;
    private volatile Batching batching = Batching.OFF;
    /** The holds read at the start of the current tick: vault (lower case) → who and why. */
    private Map<String, String> holds = Map.of();
    /** The vaults with a journaled transaction that may still execute, read once per round (null: ask per vault). */
    private Set<String> unresolved;

    VaultHandler(Journal journal, TxSender sender, Keeper.GasModel gasModel, KeeperEvents events, boolean planOnly,
            OffChainCheck offChain, Runnable reconcilePending, LegRouting routing, OutcomeLog outcomes, LoneSend lone,
            Settlement settlement) {
        this.journal = journal;
        this.sender = sender;
        this.gasModel = gasModel;
        this.events = events;
        this.planOnly = planOnly;
        this.offChain = offChain;
        this.reconcilePending = reconcilePending;
        this.routing = routing;
        this.outcomes = outcomes;
        this.lone = lone;
        this.settlement = settlement;
    }

    void approvals(Approvals approvals) {
        this.approvals = approvals;
    }

    void batching(Batching batching) {
        this.batching = batching;
    }

    /** The holds that apply to this tick (read once per block, so one placed by another process applies next block). */
    void holds(Map<String, String> holds) {
        this.holds = holds;
    }

    /**
     * The round's {@link Journal#unresolvedVaults}: a vault outside it has nothing pending, so it is decided without a
     * journal read of its own; a vault inside it is still asked {@link Journal#hasUnresolved} (the answer may have
     * changed since, and only this keeper's own sends, for vaults it has already handled this round, add to it).
     */
    void unresolved(Set<String> vaults) {
        this.unresolved = vaults;
    }

    /** The quiet decisions gathered since the last call, for the round's one journal write. */
    List<NewDecision> takeQuietDecisions() {
        List<NewDecision> taken = List.copyOf(quietDecisions);
        quietDecisions.clear();
        return taken;
    }

    Step handle(ManagedVault vault, VaultState state, ChainSnapshot snapshot, BlockFees blockFees) {
        long at = System.nanoTime();
        long block = snapshot.blockNumber();
        if (state == null || !state.hasCode()) {
            log.error("block {} vault {}: no contract code at {} although the vault was there when the keeper started;"
                    + " refusing to act (chain reset, or the wrong node?)", block, vault.label(), vault.address());
            return outcomes.say(vault, block, Keeper.Outcome.Kind.REFUSED, "no contract code at " + vault.address(), null);
        }
        if (state.paused()) return outcomes.say(vault, block, Keeper.Outcome.Kind.SKIPPED, "vault is paused (guardian override)", null);
        if (mayBeUnresolved(vault) && journal.hasUnresolved(vault.address())) {
            if (planOnly) {
                return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING,
                        "an earlier transaction for this vault is still pending", null);
            }
            // settle it against the chain first (mined, nonce used elsewhere, or re-broadcast): never a second one
            reconcilePending.run();
            if (journal.hasUnresolved(vault.address())) return settlement.resume(vault, block);
        }
        String hold = holds.get(vault.address().toLowerCase(Locale.ROOT));
        if (hold != null) return outcomes.say(vault, block, Keeper.Outcome.Kind.SKIPPED, "on hold (" + hold + "); not deciding", null);
        FeeDecision feeDecision = blockFees.get();
        GasQuote gas = gasQuote(feeDecision);
        PortfolioReader.Result read = PortfolioReader.read(state, snapshot.timestamp(), gas);
        if (read.snapshot().isEmpty()) return outcomes.say(vault, block, Keeper.Outcome.Kind.REFUSED, read.refusal(), null);
        PortfolioSnapshot portfolio = read.snapshot().get();
        PolicyParams params = PortfolioReader.params(state.params(), vault);
        events.observed(vault, block, state, portfolio, params.band());
        Decision decision = new RebalancePolicy(params).decide(portfolio);
        if (!decision.rebalance()) {
            quietDecisions.add(new NewDecision(vault.address(), block, SnapshotJson.of(portfolio), decision.verdict().name(),
                    decision.explain()));
            return outcomes.say(vault, block, Keeper.Outcome.Kind.SKIPPED, decision.explain(), decision);
        }
        at = KeeperStage.DECIDE.lap(events, at);
        LegRouting.Routed routed = routing.route(vault, state, RebalanceCall.firstCall(decision.plan().legs()), gas);
        events.stage(KeeperStage.QUOTE, routing.lastQuoteNanos());
        at = KeeperStage.ROUTE.lap(events, at + routing.lastQuoteNanos());
        String explained = decision.explain() + "; " + routed.summary();
        NewDecision toJournal = new NewDecision(vault.address(), block, SnapshotJson.of(portfolio), decision.verdict().name(),
                explained);
        // a vault that may go out in a batch has its decision journaled with the round's other members in one commit,
        // still before anything is signed (BatchRound); every path that ends here journals it here
        boolean deferred = !planOnly && batching.route(vault.address()).isPresent();
        long decisionId = planOnly || deferred ? -1 : journal(toJournal);

        List<Leg> legs = routed.legs();
        // the lens read the Ballast venue's prices; a quoted venue's guard runs in the vault itself, in the simulation
        Optional<String> manipulated = priceCheck(state, vault, routed.legsThrough(vault.venue()), legs);
        if (manipulated.isPresent()) {
            if (deferred) journal(toJournal);
            if (!planOnly) journal.recordDecision(vault.address(), block, "{}", "REFUSED", manipulated.get());
            return outcomes.say(vault, block, Keeper.Outcome.Kind.REFUSED, "refusing to trade: " + manipulated.get(), decision);
        }
        if (vault.gasBudget() > 0 && decision.gasCost() > vault.gasBudget()) {
            if (deferred) journal(toJournal);
            return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, "expected gas cost "
                    + ValueUnits.toDecimal(decision.gasCost()) + " is above the vault's gas budget "
                    + ValueUnits.toDecimal(vault.gasBudget()), decision);
        }
        if (feeDecision instanceof AboveCap cap) {
            if (deferred) journal(toJournal);
            String why = "next base fee " + OutcomeLog.gwei(cap.nextBaseFee()) + " gwei + tip is above the cap of "
                    + OutcomeLog.gwei(cap.maxFeeCap()) + " gwei";
            return outcomes.say(vault, block, Keeper.Outcome.Kind.WAITING, why, decision);
        }
        if (planOnly) {
            return outcomes.say(vault, block, Keeper.Outcome.Kind.PLANNED, explained + "; first call: " + legs, decision);
        }
        FeeQuote quote = (FeeQuote) feeDecision;
        Approvals.Candidate candidate = new Approvals.Candidate(vault, state, block, snapshot.timestamp(), decision,
                explained, routed, quote, sender.from(), other -> priceCheck(state, vault, other, other),
                other -> routing.route(vault, state, other, gas).routes().stream()
                        .map(r -> r.map(Route::expectedOut)).toList());
        Approvals.Gate gate = approvals.gate(candidate);
        KeeperStage.CHECK.lap(events, at);
        return switch (gate) {
            case Approvals.Gate.Send s -> batchable(vault, toJournal, decision, explained + s.note(), s, quote)
                    .<Step>map(Step.Batchable::new)
                    .orElseGet(() -> lone.send(vault, block, deferred ? journal(toJournal) : decisionId, decision,
                            explained + s.note(), s.to(), s.data(), quote));
            case Approvals.Gate.Stop stop -> {
                if (deferred) journal(toJournal);
                yield outcomes.say(vault, block, stop.kind(), stop.message(), decision, stop.fields());
            }
        };
    }

    private boolean mayBeUnresolved(ManagedVault vault) {
        return unresolved == null || unresolved.contains(vault.address().toLowerCase(Locale.ROOT));
    }

    private long journal(NewDecision d) {
        return journal.recordDecision(d.vault(), d.blockNumber(), d.snapshotJson(), d.decision(), d.reason());
    }

    /**
     * The vault's part of a batch, when batching covers it and the gate would send the vault's own rebalance from this
     * keeper (a Safe's execTransaction, say, goes out alone).
     */
    private Optional<BatchSend.Member> batchable(ManagedVault vault, NewDecision toJournal, Decision decision, String explained,
            Approvals.Gate.Send s, FeeQuote quote) {
        Optional<Batching.Route> route = batching.route(vault.address());
        if (route.isEmpty() || !s.to().equalsIgnoreCase(vault.address())) return Optional.empty();
        return RebalanceCall.decode(s.data()).map(legs -> new BatchSend.Member(-1, vault, -1, decision, explained,
                legs, quote, route.get(), toJournal));
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

    private GasQuote gasQuote(FeeDecision decision) {
        BigInteger price = switch (decision) {
            case FeeQuote q -> q.maxFeePerGas();
            case AboveCap c -> c.nextBaseFee().add(c.priorityFee());
        };
        return new GasQuote(price.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact(), gasModel.perRebalance(),
                gasModel.perSwap(), gasModel.nativePriceValueUnits());
    }
}
