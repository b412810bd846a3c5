package dev.ballast.keeper;

import dev.ballast.contracts.RebalancingVault;
import dev.ballast.gas.FeeQuote;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.BatchJournal;
import dev.ballast.journal.Fence;
import dev.ballast.journal.Journal;
import dev.ballast.journal.LeaseLostException;
import dev.ballast.journal.NewDecision;
import dev.ballast.journal.TxAttempt;
import dev.ballast.journal.TxIntent;
import dev.ballast.policy.Decision;
import dev.ballast.tx.InsufficientFundsException;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.RevertText;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.SignedTx;
import dev.ballast.tx.SimulatedRevertException;
import dev.ballast.tx.TxRejectedException;
import dev.ballast.tx.TxSender;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends a block's batches: the members a round put together, per BatchRebalancer, as {@code rebalanceBatch}
 * transactions under the same rules as a lone rebalance. Members whose lease was lost are left out before anything is
 * simulated. All of the block's batches are then simulated in the order they will be sent, each on the state the
 * earlier ones leave (one {@code eth_simulateV1}; eth_call per batch when the node lacks it, with one batch per pool).
 * The per-vault result flags name the vaults their guards would refuse: they are dropped and the rest simulated again
 * (a dropped vault no longer moves the pool for the others), so no gas is spent on a foreseeable refusal. Each
 * simulation runs at exactly the gas limit the batch is signed with (a vault short of gas inside a batch fails alone
 * instead of reverting the batch, so eth_estimateGas would happily return a limit that starves some vaults; one
 * execution at the real limit is the proof). Once every batch passed, each is signed at the next nonce, journaled with
 * its members (fenced per member) as a write-ahead intent, and broadcast, back to back without waiting for receipts.
 */
final class BatchSend {
    /** Rounds of simulate-and-drop before giving up on a batch whose refusals keep changing. */
    private static final int SIMULATIONS = 4;
    /**
     * Gas a batch is given per vault: a 4-asset vault's 3-leg rebalance is ~0.65M alone, plus its share of the
     * clearing and the call frames. The whole budget is simulated, so a vault it starves shows as refused, never
     * a surprise on chain; the unused part is not paid. It is not cut to the simulated use: a netted vault's leg
     * continues the batch from inside its swap, so 40 vaults nest ~80 call frames deep and each keeps 1/64 of the gas
     * back (EIP-150); measured, 40 vaults that use 10.2M fail at a 14.4M limit and pass at 30M.
     */
    private static final BigInteger GAS_PER_VAULT = BigInteger.valueOf(1_000_000);
    private static final BigInteger GAS_PER_BATCH = BigInteger.valueOf(300_000);
    private static final RevertDecoder REVERTS = RevertDecoder.forBallast();
    private static final Logger log = LoggerFactory.getLogger("keeper");

    /**
     * One vault's part: what its own lone transaction would have carried. {@code toJournal}: its decision, journaled
     * with the round's other members before anything is signed ({@code decisionId} is -1 until then).
     */
    record Member(int index, ManagedVault vault, long decisionId, Decision decision, String explained,
            List<RebalancingVault.Leg> legs, FeeQuote quote, Batching.Route route, NewDecision toJournal) {
        /** The same member at position {@code i} of the keeper's vaults. */
        Member at(int i) {
            return new Member(i, vault, decisionId, decision, explained, legs, quote, route, toJournal);
        }

        /** The same member once its decision is journaled as {@code id}. */
        Member journaled(long id) {
            return new Member(index, vault, id, decision, explained, legs, quote, route, toJournal);
        }

        /** The order sent: the first leg through the batch contract when the vault nets there, else its own legs. */
        BatchCall.Order order() {
            BatchCall.Order own = new BatchCall.Order(vault.address(), legs);
            boolean nettable = route.nets() && legs.getFirst().venue.equalsIgnoreCase(vault.venue());
            return nettable ? own.firstLegOnly().through(route.contract()) : own;
        }
    }

    /** What became of a member that is not in the sent batch. */
    record Note(Member member, Keeper.Outcome.Kind kind, String message) {}

    /** {@code tx}: the broadcast batch (null when nothing was sent); {@code sent}: its members, in order. */
    record Result(SentTx tx, List<Member> sent, List<Note> notes, boolean unknown) {}

    private final Web3j web3j;
    private final TxSender sender;
    private final Journal journal;
    private final NonceGuard nonces;
    private final VaultLeases leases;
    private final KeeperEvents events;
    private volatile boolean sequential = true;

    BatchSend(Web3j web3j, TxSender sender, Journal journal, NonceGuard nonces, VaultLeases leases, KeeperEvents events) {
        this.events = events;
        this.web3j = web3j;
        this.sender = sender;
        this.journal = journal;
        this.nonces = nonces;
        this.leases = leases;
    }

    /** One batch of a block's plan, in sending order. */
    record Planned(String contract, List<Member> members) {}

    /**
     * Whether the node simulates a block's batches in sequence ({@code eth_simulateV1}), so that a pool may take
     * several batches at one block; false once the node refused such a simulation (one batch per pool per round then,
     * each simulated by eth_call on the latest block, the next one after its receipt).
     */
    boolean sequential() {
        return sequential;
    }

    /**
     * Sends a block's batches back to back under consecutive nonces. All of them are simulated first, in the order
     * they will be sent, each on the state the earlier ones leave ({@link SequenceSimulation}): a vault refused
     * there is left out (and the rest simulated again), and no batch is signed before every batch of the block passed.
     * A batch that could not be broadcast stops the ones after it: they were simulated on its trades.
     *
     * @return one result per planned batch, in order
     */
    List<Result> sendAll(List<Planned> planned) {
        long at = System.nanoTime();
        List<Pending> batches = new ArrayList<>();
        for (Planned p : planned) batches.add(new Pending(p.contract(), p.members()));
        List<Pending> live = new ArrayList<>(batches);
        try {
            BigInteger cap = blockGasLimit();
            for (Pending b : live) b.limit = gasBudget(b.kept.size(), cap);
            boolean confirmed = false;
            int round = 0;
            for (; round < SIMULATIONS; round++) {
                live.removeIf(b -> b.kept.isEmpty());
                if (live.isEmpty()) break;
                List<Sim> sims;
                try {
                    sims = simulate(live, cap);
                } catch (SequenceSimulation.Refused e) {
                    onePerPool(live, e);
                    continue;
                }
                if (sims.stream().allMatch(Sim::passed)) {
                    confirmed = true; // at exactly the limits they are signed with
                    break;
                }
                for (int i = 0; i < live.size(); i++) live.get(i).dropRefused(sims.get(i), cap);
            }
            live.removeIf(b -> b.kept.isEmpty());
            if (!confirmed) {
                for (Pending b : live) b.note(Keeper.Outcome.Kind.WAITING, "batch simulation did not settle after "
                        + SIMULATIONS + " rounds of dropping refused vaults; deciding again at the next block");
                return results(batches);
            }
            if (live.isEmpty()) return results(batches);
            requireFunds(live);
            long simulated = System.nanoTime() - at;
            at = KeeperStage.SIMULATE.lap(events, at);
            log.info("batch: {} batch(es) of {} vault(s) simulated {} in {} ms ({} round(s)); sending them back to back",
                    live.size(), live.stream().mapToInt(b -> b.kept.size()).sum(), sequential ? "in sequence" : "one by one",
                    simulated / 1_000_000, round + 1);
            Pending stopped = null;
            for (Pending b : live) {
                if (stopped != null) {
                    b.note(Keeper.Outcome.Kind.WAITING, "not sent: an earlier batch of this block was not broadcast ("
                            + stopped.contract + ") and this one was simulated after its trades; deciding again at the next block");
                    b.kept.clear();
                    continue;
                }
                b.result = signAndSend(b.contract, b.kept, b.limit, b.fences, b.notes, at);
                at = System.nanoTime();
                if (b.result.tx() == null) stopped = b;
            }
        } catch (InsufficientFundsException e) {
            for (Pending b : live) if (b.result == null) b.note(Keeper.Outcome.Kind.WAITING, "not signing: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            for (Pending b : live) if (b.result == null) b.note(Keeper.Outcome.Kind.FAILED, "batch send failed: " + e.getMessage());
        }
        return results(batches);
    }

    private static List<Result> results(List<Pending> batches) {
        return batches.stream().map(Pending::result).toList();
    }

    /** A batch on its way through {@link #sendAll}: its members still in, their notes, its gas limit. */
    private final class Pending {
        final String contract;
        final List<Note> notes = new ArrayList<>();
        final Map<String, Fence> fences = new HashMap<>();
        List<Member> kept;
        BigInteger limit;
        Result result;

        Pending(String contract, List<Member> members) {
            this.contract = contract;
            this.kept = new ArrayList<>(fenced(members, notes, fences));
        }

        Result result() {
            return result != null ? result : new Result(null, List.of(), notes, false);
        }

        void note(Keeper.Outcome.Kind kind, String message) {
            for (Member m : kept) notes.add(new Note(m, kind, message));
        }

        /** Leaves out the members the simulation refused (all of them when the batch reverted as a whole). */
        void dropRefused(Sim s, BigInteger cap) {
            if (s.revert() != null) {
                note(Keeper.Outcome.Kind.REFUSED, "not sent: the batch simulation reverted with "
                        + RevertText.describe(s.revert().revert(), RevertText.Tokens.NONE));
                kept = new ArrayList<>();
                return;
            }
            List<Member> next = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                if (s.ok().get(i)) next.add(kept.get(i));
                else notes.add(new Note(kept.get(i), Keeper.Outcome.Kind.REFUSED, "left out of the batch: " + refusal(contract, kept.get(i))));
            }
            kept = next;
            limit = gasBudget(kept.size(), cap);
        }
    }

    /** A batch's simulation: each member's flag, or the revert of the whole batch. */
    private record Sim(List<Boolean> ok, SimulatedRevertException revert) {
        boolean passed() {
            return revert == null && ok.stream().allMatch(b -> b);
        }
    }

    private List<Sim> simulate(List<Pending> batches, BigInteger cap) throws IOException {
        List<Sim> out = new ArrayList<>();
        if (sequential) {
            List<SequenceSimulation.Call> calls = batches.stream().map(b -> new SequenceSimulation.Call(b.contract,
                    BatchCall.encode(orders(b.kept)), b.limit)).toList();
            List<SequenceSimulation.Outcome> outcomes;
            try {
                outcomes = SequenceSimulation.run(web3j, sender.from(), calls, cap);
            } catch (SequenceSimulation.Refused e) {
                sequential = false;
                throw e;
            }
            for (int i = 0; i < outcomes.size(); i++) {
                SequenceSimulation.Outcome o = outcomes.get(i);
                String contract = batches.get(i).contract;
                if (!o.ok()) {
                    out.add(new Sim(null, new SimulatedRevertException(contract, REVERTS.decode(o.returnData()))));
                    continue;
                }
                List<Boolean> ok = BatchCall.decodeOk(o.returnData());
                int size = batches.get(i).kept.size();
                if (ok.size() != size) throw new IOException("rebalanceBatch returned " + ok.size() + " flags for " + size + " vaults");
                out.add(new Sim(ok, null));
            }
            return out;
        }
        for (Pending b : batches) {
            try {
                out.add(new Sim(flags(b.contract, b.kept, b.limit), null));
            } catch (SimulatedRevertException e) {
                out.add(new Sim(null, e));
            }
        }
        return out;
    }

    /**
     * The node refused to simulate the block's batches in sequence: from now on a pool takes one batch per round
     * (simulated by eth_call on the latest block); of this block's batches, those on a pool an earlier one already
     * trades in wait for the next block.
     */
    private void onePerPool(List<Pending> batches, IOException e) {
        log.warn("batch: the node cannot simulate a block's batches in sequence ({}); from now on one batch per pool per"
                + " round, the next after its receipt", e.getMessage());
        Set<String> pools = new HashSet<>();
        for (Pending b : batches) {
            Set<String> own = new HashSet<>();
            for (Member m : b.kept) own.add(m.vault().pool().toLowerCase(Locale.ROOT));
            if (own.stream().anyMatch(pools::contains)) {
                b.note(Keeper.Outcome.Kind.WAITING, "not sent at this block: the node cannot simulate it after the block's"
                        + " earlier batch on the same pool (" + e.getMessage() + "); deciding again at the next block");
                b.kept = new ArrayList<>();
            }
            pools.addAll(own);
        }
    }

    private static BigInteger gasBudget(int vaults, BigInteger blockGasLimit) {
        return GAS_PER_BATCH.add(GAS_PER_VAULT.multiply(BigInteger.valueOf(vaults))).min(blockGasLimit);
    }

    private BigInteger blockGasLimit() throws IOException {
        var block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
        if (block == null) throw new IOException("the node returned no latest block");
        return block.getGasLimit();
    }

    /** The signer must afford every batch of the block at its limit and max fee: they are in flight together. */
    private void requireFunds(List<Pending> batches) throws IOException, InsufficientFundsException {
        BigInteger limit = BigInteger.ZERO;
        BigInteger maxFee = BigInteger.ZERO;
        for (Pending b : batches) {
            limit = limit.add(b.limit);
            maxFee = maxFee.max(b.kept.getFirst().quote().maxFeePerGas());
        }
        BigInteger balance = web3j.ethGetBalance(sender.from(), DefaultBlockParameterName.LATEST).send().getBalance();
        if (balance.compareTo(limit.multiply(maxFee)) < 0) {
            throw new InsufficientFundsException(sender.from(), balance, limit, maxFee);
        }
    }

    /**
     * Members whose lease still holds (all of them for a lone keeper), their fences put in {@code fences}; the others
     * are noted and left out. A member whose lease is gone never goes out unfenced: another keeper may have rebalanced
     * its vault since this one decided it.
     */
    private List<Member> fenced(List<Member> members, List<Note> notes, Map<String, Fence> fences) {
        List<Member> asked = new ArrayList<>();
        for (Member m : members) {
            try {
                leases.fence(m.vault().address()).ifPresent(f -> fences.put(key(m), f));
                asked.add(m);
            } catch (LeaseLostException e) {
                notes.add(new Note(m, Keeper.Outcome.Kind.WAITING, "left out of the batch: " + e.getMessage()));
            }
        }
        if (fences.isEmpty()) return asked;
        Set<String> held = new HashSet<>();
        for (Fence f : journal.batches().stillHeld(fences.values())) held.add(f.key().toLowerCase(Locale.ROOT));
        List<Member> kept = new ArrayList<>();
        for (Member m : asked) {
            if (held.contains(key(m))) {
                kept.add(m);
            } else {
                fences.remove(key(m));
                notes.add(new Note(m, Keeper.Outcome.Kind.WAITING, "left out of the batch: this keeper's lease on the vault was lost"));
            }
        }
        return kept;
    }

    private Result signAndSend(String contract, List<Member> kept, BigInteger limit, Map<String, Fence> fences,
            List<Note> notes, long at) throws IOException {
        FeeQuote quote = kept.getFirst().quote();
        NonceGuard.Choice nonce = nonces.next();
        if (!nonce.allowed()) {
            for (Member m : kept) notes.add(new Note(m, Keeper.Outcome.Kind.WAITING, "not signing: " + nonce.refusal()));
            return new Result(null, List.of(), notes, false);
        }
        SignedTx signed = sender.signAt(nonce.nonce(), contract, BatchCall.encode(orders(kept)), limit, quote);
        at = KeeperStage.SIGN.lap(events, at);
        try {
            journalIntent(contract, kept, signed, fences);
            at = KeeperStage.INTENT.lap(events, at);
        } catch (LeaseLostException e) {
            for (Member m : kept) notes.add(new Note(m, Keeper.Outcome.Kind.WAITING, "batch not sent: " + e.getMessage()));
            return new Result(null, List.of(), notes, false);
        }
        try {
            SentTx sent = sender.broadcast(signed);
            journal.markSent(sent.hash());
            KeeperStage.BROADCAST.lap(events, at);
            return new Result(sent, kept, notes, false);
        } catch (TxRejectedException e) {
            if (!e.nonceUsed()) {
                journal.markRejected(signed.hash(), e.getMessage());
                for (Member m : kept) notes.add(new Note(m, Keeper.Outcome.Kind.FAILED, "batch refused by the node: " + e.getMessage()));
                return new Result(null, List.of(), notes, false);
            }
            return lost(signed, kept, notes, e); // perhaps used by these very bytes
        } catch (IOException e) {
            return lost(signed, kept, notes, e);
        }
    }

    /** The broadcast's answer was lost: PENDING_UNKNOWN, followed when the node knows it, else re-broadcast from the journal. */
    private Result lost(SignedTx signed, List<Member> kept, List<Note> notes, IOException e) {
        journal.markUnknown(signed.hash(), "broadcast outcome unknown: " + e.getMessage());
        SentTx sent = new SentTx(signed.nonce(), signed.hash(), signed.to(), signed.data(), signed.gasLimit(), signed.fees(),
                Instant.now());
        try {
            if (JournaledTx.nodeKnows(web3j, signed.hash())) {
                journal.markSent(signed.hash());
                return new Result(sent, kept, notes, false);
            }
        } catch (IOException | RuntimeException lookup) {
            // asked again by the next block's reconciliation
        }
        for (Member m : kept) notes.add(new Note(m, Keeper.Outcome.Kind.WAITING, "batch " + signed.hash() + " (nonce "
                + signed.nonce() + ") got no answer (" + e.getMessage() + "); it is PENDING_UNKNOWN and is looked up and"
                + " re-broadcast from the journal"));
        return new Result(null, List.of(), notes, true);
    }

    private void journalIntent(String contract, List<Member> kept, SignedTx signed, Map<String, Fence> fences) {
        Optional<TxAttempt> existing = journal.attempt(signed.hash());
        List<Fence> under = kept.stream().map(m -> fences.get(key(m))).filter(Objects::nonNull).toList();
        if (existing.isEmpty()) {
            TxIntent intent = new TxIntent(null, contract, sender.from(), signed.nonce().longValueExact(), signed.hash(),
                    signed.raw(), signed.fees().maxFeePerGas(), signed.fees().maxPriorityFeePerGas());
            List<BatchJournal.Member> members = kept.stream()
                    .map(m -> new BatchJournal.Member(m.vault().address(), m.decisionId())).toList();
            journal.batches().recordIntent(intent, members, under);
        } else if (existing.get().status() == AttemptStatus.REJECTED) {
            journal.reopenRejected(signed.hash(), under); // refused, as a fresh intent is, if a member's lease is lost
        } else if (!existing.get().status().unresolved()) {
            throw new IllegalStateException("identical batch " + signed.hash() + " is already " + existing.get().status());
        }
    }

    /** Per member, whether its vault rebalances inside the batch (eth_call at {@code gas}, or the node's default). */
    private List<Boolean> flags(String contract, List<Member> kept, BigInteger gas) throws IOException, SimulatedRevertException {
        EthCall call = web3j.ethCall(Transaction.createFunctionCallTransaction(sender.from(), null, null, gas, contract,
                BatchCall.encode(orders(kept))), DefaultBlockParameterName.LATEST).send();
        if (call.hasError() || call.isReverted()) {
            String data = call.hasError() && call.getError().getData() != null
                    ? call.getError().getData().replace("\"", "").strip() : call.getValue();
            throw new SimulatedRevertException(contract, REVERTS.decode(data == null || !data.startsWith("0x") ? "0x" : data));
        }
        List<Boolean> ok = BatchCall.decodeOk(call.getValue());
        if (ok.size() != kept.size()) throw new IOException("rebalanceBatch returned " + ok.size() + " flags for " + kept.size() + " vaults");
        return ok;
    }

    /**
     * Why a member's guards refuse it: its own legs called alone from the batch contract (the caller its keeper role
     * is on). A vault that would pass alone was refused by the pool the batch's earlier trades left.
     */
    private String refusal(String contract, Member m) {
        String data = RebalanceCall.encodeLegs(m.legs());
        try {
            EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(contract, m.vault().address(), data),
                    DefaultBlockParameterName.LATEST).send();
            if (call.hasError() || call.isReverted()) {
                String raw = call.hasError() && call.getError().getData() != null
                        ? call.getError().getData().replace("\"", "").strip() : call.getValue();
                return "its guards refuse it: " + RevertText.describe(REVERTS.decode(raw == null || !raw.startsWith("0x")
                        ? "0x" : raw), RevertText.Tokens.NONE);
            }
            return "its guards refuse it after the batch's earlier trades move the pool (alone it would pass)";
        } catch (IOException | RuntimeException e) {
            return "its guards refuse it inside the batch (" + e.getMessage() + ")";
        }
    }

    private static List<BatchCall.Order> orders(List<Member> members) {
        return members.stream().map(Member::order).toList();
    }

    private static String key(Member m) {
        return m.vault().address().toLowerCase(Locale.ROOT);
    }

    /**
     * Records each member's VaultResult from a mined batch's receipt; returns them by vault (lower case). A member the
     * receipt does not name (the batch reverted as a whole) is absent.
     */
    static Map<String, BatchCall.VaultResult> recordResults(Journal journal, TransactionReceipt receipt) {
        Map<String, BatchCall.VaultResult> byVault = new LinkedHashMap<>();
        if (receipt.isStatusOK()) {
            for (BatchCall.VaultResult r : BatchCall.results(receipt, receipt.getTo())) byVault.put(r.vault().toLowerCase(Locale.ROOT), r);
        }
        Map<String, String> refused = new LinkedHashMap<>();
        List<String> rebalanced = new ArrayList<>();
        byVault.forEach((v, r) -> {
            if (r.ok()) rebalanced.add(v);
            else refused.put(v, r.reason());
        });
        journal.batches().recordResults(receipt.getTransactionHash(), refused, rebalanced);
        return byVault;
    }
}
