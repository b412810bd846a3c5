package dev.ballast.keeper;

import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.HeadWatcher;
import dev.ballast.chain.HeadWatcherOptions;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.chain.VenueQuoteReader;
import dev.ballast.config.AssetPriceConfig;
import dev.ballast.config.BatchConfig;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.RoutingConfig;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.gas.AboveCap;
import dev.ballast.gas.BumpResult;
import dev.ballast.gas.FeeEstimator;
import dev.ballast.gas.FeeHistorySource;
import dev.ballast.gas.FeeQuote;
import dev.ballast.gas.GasPolicy;
import dev.ballast.gas.ReplacementFees;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Journal;
import dev.ballast.journal.JournalTarget;
import dev.ballast.journal.PendingNonce;
import dev.ballast.journal.Reconciler;
import dev.ballast.journal.SharedJournal;
import dev.ballast.journal.TxIntent;
import dev.ballast.journal.TxReceipt;
import dev.ballast.lease.LeaseCoordinator;
import dev.ballast.oracle.HttpPriceSource;
import dev.ballast.tx.NonceManager;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.SignedTx;
import dev.ballast.tx.TxRejectedException;
import dev.ballast.tx.TxSender;
import dev.ballast.tx.TxSupervisor;
import dev.ballast.venue.RoutingParams;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * A keeper assembled and running: RPC failover, the journal (reconciled against the chain before anything new is
 * decided), the signer's sender and supervisor, and the head watcher that drives {@link Keeper#onBlock}. Both
 * {@code ballast run} and {@code ballast demo} start exactly this.
 */
public final class KeeperRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("keeper");
    /** Journaled receipts this many blocks below the head are still compared with the canonical chain (reorgs). */
    private static final int RECEIPT_AUDIT_DEPTH = 64;

    /** Everything a keeper needs, whatever file or code it came from. */
    public record Settings(long chainId, List<RpcEndpoint> endpoints, Optional<String> privateSubmissionUrl,
            Credentials signer, List<VaultSpec> vaults, GasPolicy gas, int confirmations, Duration pollInterval,
            Path journal, Keeper.GasModel gasModel, List<AssetPriceConfig> prices, Optional<Duration> quietRetention,
            Optional<SharedJournal> shared, RoutingConfig routing, BatchConfig batch,
            VaultReaderOptions reads) {
        /**
         * The only keeper of its vaults, on the SQLite journal at {@code journal}, keeping quiet decisions for
         * {@link #DEFAULT_QUIET_RETENTION}, with the default routing. The {@code with…} methods change one part.
         */
        public Settings(long chainId, List<RpcEndpoint> endpoints, Optional<String> privateSubmissionUrl,
                Credentials signer, List<VaultSpec> vaults, GasPolicy gas, int confirmations, Duration pollInterval,
                Path journal, Keeper.GasModel gasModel, List<AssetPriceConfig> prices) {
            this(chainId, endpoints, privateSubmissionUrl, signer, vaults, gas, confirmations, pollInterval, journal,
                    gasModel, prices, Optional.of(DEFAULT_QUIET_RETENTION), Optional.empty(), RoutingConfig.DEFAULTS,
                    BatchConfig.DISABLED, VaultReaderOptions.defaults());
        }

        /** The same keeper restricted to {@code only} (one-off commands acting on one vault). */
        public Settings withVaults(List<VaultSpec> only) {
            return new Settings(chainId, endpoints, privateSubmissionUrl, signer, only, gas, confirmations,
                    pollInterval, journal, gasModel, prices, quietRetention, shared, routing, batch, reads);
        }

        /** The same keeper restricted to the configured vault at {@code address} (a one-off command on one vault). */
        public Settings onlyVault(String address) {
            return withVaults(vaults.stream().filter(v -> v.address().equalsIgnoreCase(address)).toList());
        }

        public Settings withQuietRetention(Optional<Duration> retention) {
            return new Settings(chainId, endpoints, privateSubmissionUrl, signer, vaults, gas, confirmations,
                    pollInterval, journal, gasModel, prices, retention, shared, routing, batch, reads);
        }

        /** One of several keepers on the PostgreSQL journal {@code journal}, holding vault leases in it. */
        public Settings withSharedJournal(Optional<SharedJournal> journal) {
            return new Settings(chainId, endpoints, privateSubmissionUrl, signer, vaults, gas, confirmations,
                    pollInterval, this.journal, gasModel, prices, quietRetention, journal, routing, batch, reads);
        }

        public Settings withRouting(RoutingConfig r) {
            return new Settings(chainId, endpoints, privateSubmissionUrl, signer, vaults, gas, confirmations,
                    pollInterval, journal, gasModel, prices, quietRetention, shared, r, batch, reads);
        }

        /** Rebalances of one block sent as BatchRebalancer batches ({@code batch.enabled}), or one transaction per vault. */
        public Settings withBatch(BatchConfig b) {
            return new Settings(chainId, endpoints, privateSubmissionUrl, signer, vaults, gas, confirmations,
                    pollInterval, journal, gasModel, prices, quietRetention, shared, routing, b, reads);
        }

        /** The lens read's per-call gas and ceiling on calls per block (rpc.callGasLimit, rpc.maxReadCallsPerBlock). */
        public Settings withReads(VaultReaderOptions r) {
            return new Settings(chainId, endpoints, privateSubmissionUrl, signer, vaults, gas, confirmations,
                    pollInterval, journal, gasModel, prices, quietRetention, shared, routing, batch, r);
        }

        /** The journal this keeper opens: the shared PostgreSQL one, or the SQLite file. */
        public JournalTarget journalTarget() {
            return shared.<JournalTarget>map(SharedJournal::target)
                    .orElseGet(() -> new JournalTarget.Sqlite(journal));
        }

        /** Where the journal is, for logs. */
        String journalName() {
            return shared.map(j -> j.target().display()).orElse(journal.toString());
        }

        /** The pure router's parameters: each extra slice costs one more vault call. */
        RoutingParams routingParams() {
            return new RoutingParams(routing.sliceImpactBps(), routing.maxSlices(), gasModel.perRebalance(),
                    routing.maxSplitVenues());
        }
    }

    /** How long quiet decisions stay in the journal unless the config says otherwise (journal.quietRetention). */
    public static final Duration DEFAULT_QUIET_RETENTION = KeeperConfig.DEFAULT_QUIET_RETENTION;
    /** How long a stop request lets the current block's work finish before interrupting it. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** A vault as configured: the keeper finds its venue and pool on chain. */
    public record VaultSpec(String name, String address, long minTradeValue, long correctionBenefit, long bandFloor,
            long gasBudget) {}

    private final FailoverRpc rpc;
    private final Journal journal;
    private final Keeper keeper;
    private final HeadWatcher heads;
    private final Web3j submission;
    private final ChainGuard guard;
    private final HeadCoalescer coalescer;
    private final Approvals approvals;

    private KeeperRuntime(FailoverRpc rpc, Journal journal, Keeper keeper, HeadWatcher heads, Web3j submission,
            ChainGuard guard, HeadCoalescer coalescer, Approvals approvals) {
        this.approvals = approvals;
        this.rpc = rpc;
        this.journal = journal;
        this.keeper = keeper;
        this.heads = heads;
        this.submission = submission;
        this.guard = guard;
        this.coalescer = coalescer;
    }

    /** Builds the keeper and reconciles the journal; call {@link #start()} to follow new blocks. */
    public static KeeperRuntime create(Settings s, KeeperEvents events) throws IOException {
        return create(s, events, false);
    }

    /** With {@code planOnly} the keeper decides and checks everything but sends nothing ({@code ballast plan}). */
    public static KeeperRuntime create(Settings s, KeeperEvents events, boolean planOnly) throws IOException {
        return create(s, events, planOnly, (web3j, journal) -> Approvals.NONE);
    }

    /**
     * With the holds and approval gate {@code approvals} builds on the keeper's failover connection and its journal
     * (issue 19 §2: proposals and holds live in the journal's database); closing the runtime closes them.
     */
    public static KeeperRuntime create(Settings s, KeeperEvents events, boolean planOnly,
            BiFunction<Web3j, Journal, Approvals> approvals) throws IOException {
        FailoverRpc rpc = new FailoverRpc(s.endpoints(), FailoverPolicy.defaults());
        Web3j web3j = rpc.web3j(); // every read, simulation and broadcast fails over like the vault reads
        long chainId = rpc.send("eth_chainId", w -> w.ethChainId()).getChainId().longValueExact();
        if (chainId != s.chainId()) {
            throw new KeeperSetupException("chainId: the config says " + s.chainId() + " but the RPC serves chain " + chainId);
        }
        List<ManagedVault> vaults = discover(web3j, s);
        // before the journal opens: a signer the batch contract refuses stops the start with nothing to close
        Batching batching = Batching.discover(web3j, new ReadonlyTransactionManager(web3j, s.signer().getAddress()),
                s.signer().getAddress(), s.batch(), vaults);
        Journal journal = Journal.open(s.journalTarget(), Clock.systemUTC());
        Web3j submission = s.privateSubmissionUrl().map(url -> Web3j.build(new HttpService(url))).orElse(web3j);
        NonceManager nonces = new NonceManager(web3j, s.signer().getAddress());
        TxSender sender = new TxSender(web3j, submission, s.signer(), chainId, nonces, RevertDecoder.forBallast(), 25,
                Clock.systemUTC());
        // plan sends nothing and writes nothing: no re-broadcast, no journal update (a pending nonce shows as waiting)
        Runnable reconcile = planOnly ? () -> {} : () -> {
            try {
                reconcile(journal, web3j, false);
            } catch (IOException e) {
                log.warn("reconciling the journal failed: {}", e.getMessage());
            }
        };
        if (!planOnly) reconcile(journal, web3j, true);
        FeeHistorySource feeHistory = new FeeHistorySource(web3j);
        TxSupervisor supervisor = new TxSupervisor(web3j, sender, nonces, replacementFees(feeHistory, s.gas()),
                s.gas().replacementWait(), s.confirmations(), Duration.ofMillis(200), Clock.systemUTC(),
                journalListener(journal, s.signer().getAddress(), events));
        VaultReader reader = new VaultReader(rpc, s.reads());
        Keeper keeper = new Keeper(vaults, reader, () -> FeeEstimator.estimate(feeHistory.fetch(s.gas()), s.gas()),
                sender, supervisor, journal, s.gasModel(), events, Duration.ofMinutes(10), planOnly,
                offChain(s.prices()), reconcile, new Keeper.TxSafety(new NonceGuard(web3j, journal, sender.from()),
                        new ReceiptAudit(web3j, journal, RECEIPT_AUDIT_DEPTH), web3j),
                new LegRouting(s.routingParams(), s.gasModel().perSwap(),
                        new VenueQuoteReader(rpc, s.reads().callGasLimit())::quote),
                // plan and status take no lease: they send nothing, and must not take vaults from a running keeper
                s.shared().filter(j -> !planOnly).<VaultLeases>map(j -> new LeasedVaults(new LeaseCoordinator(journal.leases(),
                        sender.from(), vaults.stream().map(ManagedVault::address).toList(), j.leaseTtl())))
                        .orElse(VaultLeases.SOLE));
        Approvals gate = approvals.apply(web3j, journal);
        keeper.approvals(gate);
        keeper.batching(batching);
        // heads flow: watcher -> chain guard (reset/rollback refusal) -> coalescer (newest head only) -> keeper
        QuietRetention retention = new QuietRetention(journal, s.quietRetention(), Clock.systemUTC(),
                Math.max(1_000, 4 * vaults.size()));
        HeadCoalescer coalescer = new HeadCoalescer(keeper, planOnly ? () -> {} : retention);
        ChainGuard guard = new ChainGuard(probe(rpc), vaults, coalescer, Clock.systemUTC());
        HeadWatcher heads = new HeadWatcher(rpc, new HeadWatcherOptions(s.pollInterval(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 64), guard);
        log.info("keeper {} ready on chain {}: {} vault(s), journal {}", s.signer().getAddress(), chainId,
                vaults.size(), s.journalName());
        return new KeeperRuntime(rpc, journal, keeper, heads, submission, guard, coalescer, gate);
    }

    private static ChainGuard.Probe probe(FailoverRpc rpc) {
        return new ChainGuard.Probe() {
            @Override
            public Optional<String> blockHash(long number) {
                return Optional.ofNullable(rpc.send("eth_getBlockByNumber(" + number + ")", w -> w.ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false))
                        .getBlock()).map(EthBlock.Block::getHash);
            }

            @Override
            public boolean hasCode(String address) {
                String code = rpc.send("eth_getCode", w -> w.ethGetCode(address,
                        DefaultBlockParameterName.LATEST)).getCode();
                return code != null && !code.equals("0x");
            }
        };
    }

    public void start() {
        heads.start();
    }

    public Keeper keeper() {
        return keeper;
    }

    public Journal journal() {
        return journal;
    }

    public FailoverRpc rpc() {
        return rpc;
    }

    /** Why the keeper refuses to act on the node's chain right now (reset or rollback), if it does. */
    public Optional<String> refusal() {
        return guard.refusal();
    }

    /** Heads passed over because a newer one was already known (decided once, from the newest). */
    public long headsPassedOver() {
        return coalescer.passedOver();
    }

    /**
     * A clean stop (SIGTERM, Ctrl-C): no new block is taken up, the block in hand gets {@code grace} to finish, then
     * it is interrupted. Either way everything signed is already journaled (intent before broadcast), so the next start
     * settles it; returns whether the block in hand finished within the grace.
     */
    public boolean stop(Duration grace) {
        boolean finished = heads.stop(grace);
        log.info("keeper stopped{}; {} transaction(s) pending in the journal{}", finished ? "" : " (the block in hand was"
                + " interrupted after " + grace.toSeconds() + " s)", journal.pendingTransactions().size(),
                journal.pendingTransactions().isEmpty() ? "" : ", settled at the next start");
        return finished;
    }

    @Override
    public void close() {
        heads.close();
        approvals.close();
        journal.close();
        rpc.close();
    }

    private static OffChainCheck offChain(List<AssetPriceConfig> prices) {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        Map<String, OffChainCheck.AssetSources> byAsset = new HashMap<>();
        for (AssetPriceConfig p : prices) {
            if (p.http().isEmpty() || p.address() == null) continue;
            List<HttpPriceSource> sources = p.httpSpecs().stream()
                    .map(spec -> new HttpPriceSource(spec, http, Clock.systemUTC())).toList();
            byAsset.put(p.address().toLowerCase(), new OffChainCheck.AssetSources(p.address(), sources,
                    p.aggregationRules(), p.onChain()));
        }
        return byAsset.isEmpty() ? OffChainCheck.NONE : new OffChainCheck(byAsset, Clock.systemUTC());
    }

    private static List<ManagedVault> discover(Web3j web3j, Settings s) {
        List<ManagedVault> vaults = new ArrayList<>();
        ReadonlyTransactionManager reads = new ReadonlyTransactionManager(web3j, s.signer().getAddress());
        // one read per vault where there were three and its whole code (~50 KB of hex): at 10,000 vaults start-up was
        // minutes of this. A venue's pool is the venue's, so it is asked once per venue, not once per vault.
        Map<String, String> poolOfVenue = new HashMap<>();
        for (VaultSpec spec : s.vaults()) {
            try {
                RebalancingVault vault = RebalancingVault.load(spec.address(), web3j, reads, new DefaultGasProvider());
                List<String> venues;
                try {
                    venues = vault.venues().send();
                } catch (Exception e) {
                    requireCode(web3j, spec); // the clearer error when the address holds no contract at all
                    throw e;
                }
                VaultVenues found = VaultVenues.discover(web3j, reads, spec.address(), venues, poolOfVenue);
                if (found.ballastVenue() == null) {
                    throw new KeeperSetupException("vault " + spec.name() + " allows no Ballast pool venue yet (allowed: "
                            + found.all() + "); the keeper models that pool and sends unrouted legs through it");
                }
                vaults.add(new ManagedVault(spec.name(), spec.address(), found.ballastVenue(), found.pool(),
                        found.quoted(), spec.minTradeValue(), spec.correctionBenefit(), spec.bandFloor(), spec.gasBudget()));
            } catch (KeeperSetupException e) {
                throw e;
            } catch (Exception e) {
                throw new KeeperSetupException("vault " + spec.name() + " at " + spec.address()
                        + " does not answer as a Ballast vault: " + e.getMessage(), e);
            }
        }
        return vaults;
    }

    private static void requireCode(Web3j web3j, VaultSpec spec) throws IOException {
        String code = web3j.ethGetCode(spec.address(), DefaultBlockParameterName.LATEST).send().getCode();
        if (code == null || code.equals("0x")) {
            throw new KeeperSetupException("vaults[" + spec.name() + "].address: no contract code at " + spec.address()
                    + " on this chain");
        }
    }

    /** Settles what an earlier run left pending; a still-pending transaction is re-broadcast, never re-decided. */
    private static void reconcile(Journal journal, Web3j web3j, boolean atStartup) throws IOException {
        Reconciler.ChainView view = new Reconciler.ChainView() {
            @Override
            public Optional<TxReceipt> receipt(String txHash) {
                try {
                    return web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt().map(TxReceipts::of);
                } catch (IOException e) {
                    throw new KeeperSetupException("reconciling " + txHash + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Reconciler.Known known(String txHash) {
                try {
                    var tx = web3j.ethGetTransactionByHash(txHash).send().getTransaction();
                    if (tx.isEmpty()) return Reconciler.Known.NO;
                    return tx.get().getBlockHash() == null ? Reconciler.Known.IN_POOL : Reconciler.Known.IN_BLOCK;
                } catch (IOException e) {
                    throw new KeeperSetupException("looking up " + txHash + ": " + e.getMessage(), e);
                }
            }

            @Override
            public long minedNonceCount(String who) {
                try {
                    return web3j.ethGetTransactionCount(who, DefaultBlockParameterName.LATEST)
                            .send().getTransactionCount().longValueExact();
                } catch (IOException e) {
                    throw new KeeperSetupException("reconciling nonce of " + who + ": " + e.getMessage(), e);
                }
            }
        };
        for (Reconciler.Outcome outcome : Reconciler.reconcile(journal, view)) {
            switch (outcome) {
                // at start-up the previous run had not recorded it; while running, the follow-up had missed it
                case Reconciler.Outcome.Mined m -> {
                    log.info("journal: {} was mined in block {}{}", m.attempt().txHash(),
                            m.receipt().blockNumber(), atStartup ? " (its receipt had not been recorded before the keeper"
                                    + " stopped)" : " (receipt found while reconciling pending transactions)");
                    recordBatchResults(journal, web3j, m.attempt().txHash());
                }
                case Reconciler.Outcome.NonceUsedElsewhere n -> log.warn("journal: nonce {} was used by another transaction",
                        n.pending().nonce());
                case Reconciler.Outcome.ReceiptTrailing t -> log.info("journal: {} (nonce {}) is in a block; waiting for its"
                        + " receipt", t.attempt().txHash(), t.pending().nonce());
                case Reconciler.Outcome.StillPending p -> rebroadcast(journal, web3j, p.pending());
            }
        }
    }

    /** A batch settled by reconciliation: each member's VaultResult from the receipt's logs goes to the journal too. */
    private static void recordBatchResults(Journal journal, Web3j web3j, String txHash) throws IOException {
        if (journal.batches().members(txHash).isEmpty()) return;
        var receipt = web3j.ethGetTransactionReceipt(txHash).send().getTransactionReceipt();
        if (receipt.isPresent()) BatchSend.recordResults(journal, receipt.get());
    }

    /**
     * Sends the newest open attempt's journaled bytes again: identical bytes are the same transaction, so this can never
     * add a second rebalance, and it is what a node that lost the transaction (a send never forwarded, a reorg that
     * dropped it) needs. An answer settles a PENDING_UNKNOWN broadcast as sent; a lost answer leaves it unknown.
     */
    private static void rebroadcast(Journal journal, Web3j web3j, PendingNonce pending) {
        var newest = pending.newest();
        try {
            var response = web3j.ethSendRawTransaction(newest.rawTx()).send();
            boolean accepted = !response.hasError() || TxSender.alreadyKnown(response.getError().getMessage());
            boolean neverAccepted = newest.status() == AttemptStatus.INTENT
                    || newest.status() == AttemptStatus.PENDING_UNKNOWN;
            if (accepted && neverAccepted) journal.markSent(newest.txHash());
            if (!accepted && neverAccepted && !TxRejectedException.nonceUsed(response.getError().getMessage())) {
                // the node answered, and refused bytes no node ever took (insufficient funds, fee below the base fee):
                // REJECTED is now the truth, and the vault is decided afresh instead of waiting on them forever. A
                // "nonce too low" is left open: the next reconciliation finds whose transaction used the nonce.
                journal.markRejected(newest.txHash(), "re-broadcast refused: " + response.getError().getMessage());
            }
            log.info("journal: re-broadcast {} (nonce {}): {}", newest.txHash(), pending.nonce(),
                    accepted ? "accepted" : response.getError().getMessage());
        } catch (IOException e) {
            log.warn("journal: re-broadcast of {} (nonce {}) got no answer: {}", newest.txHash(), pending.nonce(), e.getMessage());
        }
    }

    /**
     * Replacement fees from the current base fee (within the cap), at least the node's bump above the previous ones: a
     * replacement after a fee spike must be includable, not 12% above a price the market left behind.
     */
    private static TxSupervisor.FeeBumper replacementFees(FeeHistorySource feeHistory, GasPolicy gas) {
        return previous -> {
            FeeQuote current;
            try {
                current = switch (FeeEstimator.estimate(feeHistory.fetch(gas), gas)) {
                    case FeeQuote q -> q;
                    case AboveCap c -> new FeeQuote(c.maxFeeCap(), c.priorityFee().min(c.maxFeeCap()));
                };
            } catch (RuntimeException e) {
                current = previous; // no fee history: the minimum bump still moves a stuck transaction
            }
            return ReplacementFees.bump(previous, current, gas) instanceof BumpResult.Bumped b ? b.fees() : null;
        };
    }

    private static TxSupervisor.Listener journalListener(Journal journal, String signer, KeeperEvents events) {
        return new TxSupervisor.Listener() {
            @Override
            public void replacing(SentTx previous, SignedTx replacement) {
                var old = journal.attempt(previous.hash()).orElseThrow();
                // the replacement carries out the same decision: a mined replacement is the rebalance that cooldowns count from
                journal.recordReplacement(previous.hash(), new TxIntent(old.decisionId(), old.vault(), old.sender(),
                        replacement.nonce().longValueExact(), replacement.hash(), replacement.raw(),
                        replacement.fees().maxFeePerGas(), replacement.fees().maxPriorityFeePerGas()));
            }

            @Override
            public void replaced(SentTx previous, SentTx replacement) {
                journal.markSent(replacement.hash());
                events.replaced(previous, replacement);
                log.info("replaced {} with {} (max fee {} wei)", previous.hash(), replacement.hash(),
                        replacement.fees().maxFeePerGas());
            }

            @Override
            public void replacementRejected(SignedTx replacement, String nodeMessage) {
                journal.markRejected(replacement.hash(), nodeMessage);
                log.warn("replacement {} refused by the node: {}; the next one is priced afresh", replacement.hash(), nodeMessage);
            }

            @Override
            public void replacementUnknown(SignedTx replacement, String why) {
                journal.markUnknown(replacement.hash(), "broadcast answer lost: " + why);
                log.warn("replacement {} got no answer ({}); following it as possibly sent", replacement.hash(), why);
            }

            @Override
            public List<String> journaledHashes(BigInteger nonce) {
                return journal.attemptsAtNonce(signer, nonce.longValueExact()).stream().map(a -> a.txHash()).toList();
            }

            @Override
            public void atFeeCap(SentTx pending) {
                log.warn("{} is pending and a valid replacement would exceed the fee cap; waiting", pending.hash());
            }
        };
    }
}
