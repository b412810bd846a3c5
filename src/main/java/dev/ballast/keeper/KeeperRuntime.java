package dev.ballast.keeper;

import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.HeadWatcher;
import dev.ballast.chain.HeadWatcherOptions;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.config.AssetPriceConfig;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.WeightedPoolVenue;
import dev.ballast.gas.BumpResult;
import dev.ballast.gas.FeeEstimator;
import dev.ballast.gas.FeeHistorySource;
import dev.ballast.gas.GasPolicy;
import dev.ballast.gas.ReplacementFees;
import dev.ballast.journal.Journal;
import dev.ballast.journal.Reconciler;
import dev.ballast.journal.TxReceipt;
import dev.ballast.tx.NonceManager;
import dev.ballast.tx.RevertDecoder;
import dev.ballast.tx.SentTx;
import dev.ballast.tx.SignedTx;
import dev.ballast.tx.TxSender;
import dev.ballast.tx.TxSupervisor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
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

    /** Everything a keeper needs, whatever file or code it came from. */
    public record Settings(long chainId, List<RpcEndpoint> endpoints, Optional<String> privateSubmissionUrl,
            Credentials signer, List<VaultSpec> vaults, GasPolicy gas, int confirmations, Duration pollInterval,
            Path journal, Keeper.GasModel gasModel, List<AssetPriceConfig> prices) {}

    /** A vault as configured: the keeper finds its venue and pool on chain. */
    public record VaultSpec(String name, String address, long minTradeValue, long correctionBenefit, long bandFloor,
            long gasBudget) {}

    private final FailoverRpc rpc;
    private final Journal journal;
    private final Keeper keeper;
    private final HeadWatcher heads;
    private final Web3j submission;

    private KeeperRuntime(FailoverRpc rpc, Journal journal, Keeper keeper, HeadWatcher heads, Web3j submission) {
        this.rpc = rpc;
        this.journal = journal;
        this.keeper = keeper;
        this.heads = heads;
        this.submission = submission;
    }

    /** Builds the keeper and reconciles the journal; call {@link #start()} to follow new blocks. */
    public static KeeperRuntime create(Settings s, KeeperEvents events) throws IOException {
        return create(s, events, false);
    }

    /** With {@code planOnly} the keeper decides and checks everything but sends nothing ({@code ballast plan}). */
    public static KeeperRuntime create(Settings s, KeeperEvents events, boolean planOnly) throws IOException {
        FailoverRpc rpc = new FailoverRpc(s.endpoints(), FailoverPolicy.defaults());
        Web3j web3j = rpc.web3j(); // every read, simulation and broadcast fails over like the vault reads
        long chainId = rpc.send("eth_chainId", w -> w.ethChainId()).getChainId().longValueExact();
        if (chainId != s.chainId()) {
            throw new KeeperSetupException("chainId: the config says " + s.chainId() + " but the RPC serves chain " + chainId);
        }
        List<ManagedVault> vaults = discover(web3j, s);
        Journal journal = Journal.open(s.journal());
        Web3j submission = s.privateSubmissionUrl().map(url -> Web3j.build(new HttpService(url))).orElse(web3j);
        NonceManager nonces = new NonceManager(web3j, s.signer().getAddress());
        TxSender sender = new TxSender(web3j, submission, s.signer(), chainId, nonces, RevertDecoder.forBallast(), 25,
                Clock.systemUTC());
        Runnable reconcile = () -> {
            try {
                reconcile(journal, web3j);
            } catch (IOException e) {
                log.warn("reconciling the journal failed: {}", e.getMessage());
            }
        };
        reconcile.run();
        FeeHistorySource feeHistory = new FeeHistorySource(web3j);
        TxSupervisor supervisor = new TxSupervisor(web3j, sender, nonces,
                previous -> ReplacementFees.bump(previous, s.gas()) instanceof BumpResult.Bumped b ? b.fees() : null,
                s.gas().replacementWait(), s.confirmations(), Duration.ofMillis(200), Clock.systemUTC(),
                journalListener(journal));
        VaultReader reader = new VaultReader(rpc, VaultReaderOptions.defaults());
        Keeper keeper = new Keeper(vaults, reader, () -> FeeEstimator.estimate(feeHistory.fetch(s.gas()), s.gas()),
                sender, supervisor, journal, s.gasModel(), events, Duration.ofMinutes(10), planOnly,
                offChain(s.prices()), reconcile);
        HeadWatcher heads = new HeadWatcher(rpc, new HeadWatcherOptions(s.pollInterval(), Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(60), 64), keeper);
        log.info("keeper {} ready on chain {}: {} vault(s), journal {}", s.signer().getAddress(), chainId,
                vaults.size(), s.journal());
        return new KeeperRuntime(rpc, journal, keeper, heads, submission);
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

    @Override
    public void close() {
        heads.close();
        journal.close();
        rpc.close();
    }

    private static OffChainCheck offChain(List<AssetPriceConfig> prices) {
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient();
        java.util.Map<String, OffChainCheck.AssetSources> byAsset = new java.util.HashMap<>();
        for (AssetPriceConfig p : prices) {
            if (p.http().isEmpty() || p.address() == null) continue;
            List<dev.ballast.oracle.HttpPriceSource> sources = p.httpSpecs().stream()
                    .map(spec -> new dev.ballast.oracle.HttpPriceSource(spec, http, Clock.systemUTC())).toList();
            byAsset.put(p.address().toLowerCase(), new OffChainCheck.AssetSources(p.address(), sources,
                    p.aggregationRules(), p.onChain()));
        }
        return byAsset.isEmpty() ? OffChainCheck.NONE : new OffChainCheck(byAsset, Clock.systemUTC());
    }

    private static List<ManagedVault> discover(Web3j web3j, Settings s) {
        List<ManagedVault> vaults = new ArrayList<>();
        ReadonlyTransactionManager reads = new ReadonlyTransactionManager(web3j, s.signer().getAddress());
        for (VaultSpec spec : s.vaults()) {
            try {
                String code = web3j.ethGetCode(spec.address(), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode();
                if (code == null || code.equals("0x")) {
                    throw new KeeperSetupException("vaults[" + spec.name() + "].address: no contract code at " + spec.address()
                            + " on this chain");
                }
                RebalancingVault vault = RebalancingVault.load(spec.address(), web3j, reads, new DefaultGasProvider());
                List<String> venues = vault.venues().send();
                if (venues.isEmpty()) throw new KeeperSetupException("vault " + spec.name() + " allows no venue yet");
                String venue = venues.getFirst();
                String pool = WeightedPoolVenue.load(venue, web3j, reads, new DefaultGasProvider()).pool().send();
                vaults.add(new ManagedVault(spec.name(), spec.address(), venue, pool, spec.minTradeValue(),
                        spec.correctionBenefit(), spec.bandFloor(), spec.gasBudget()));
            } catch (KeeperSetupException e) {
                throw e;
            } catch (Exception e) {
                throw new KeeperSetupException("vault " + spec.name() + " at " + spec.address()
                        + " does not answer as a Ballast vault: " + e.getMessage(), e);
            }
        }
        return vaults;
    }

    /** Settles what an earlier run left pending; a still-pending transaction is re-broadcast, never re-decided. */
    private static void reconcile(Journal journal, Web3j web3j) throws IOException {
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
            public long minedNonceCount(String who) {
                try {
                    return web3j.ethGetTransactionCount(who, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                            .send().getTransactionCount().longValueExact();
                } catch (IOException e) {
                    throw new KeeperSetupException("reconciling nonce of " + who + ": " + e.getMessage(), e);
                }
            }
        };
        for (Reconciler.Outcome outcome : Reconciler.reconcile(journal, view)) {
            switch (outcome) {
                case Reconciler.Outcome.Mined m -> log.info("journal: {} was mined in block {} while the keeper was down",
                        m.attempt().txHash(), m.receipt().blockNumber());
                case Reconciler.Outcome.NonceUsedElsewhere n -> log.warn("journal: nonce {} was used by another transaction",
                        n.pending().nonce());
                case Reconciler.Outcome.StillPending p -> {
                    String raw = p.pending().newest().rawTx();
                    var response = web3j.ethSendRawTransaction(raw).send();
                    log.info("journal: re-broadcast pending nonce {} ({})", p.pending().nonce(),
                            response.hasError() ? response.getError().getMessage() : "accepted");
                }
            }
        }
    }

    private static TxSupervisor.Listener journalListener(Journal journal) {
        return new TxSupervisor.Listener() {
            @Override
            public void replacing(SentTx previous, SignedTx replacement) {
                var old = journal.attempt(previous.hash()).orElseThrow();
                // the replacement carries out the same decision: a mined replacement is the rebalance that cooldowns count from
                journal.recordReplacement(previous.hash(), new dev.ballast.journal.TxIntent(old.decisionId(), old.vault(), old.sender(),
                        replacement.nonce().longValueExact(), replacement.hash(), replacement.raw(),
                        replacement.fees().maxFeePerGas(), replacement.fees().maxPriorityFeePerGas()));
            }

            @Override
            public void replaced(SentTx previous, SentTx replacement) {
                journal.markSent(replacement.hash());
                log.info("replaced {} with {} (max fee {} wei)", previous.hash(), replacement.hash(),
                        replacement.fees().maxFeePerGas());
            }

            @Override
            public void atFeeCap(SentTx pending) {
                log.warn("{} is pending and a valid replacement would exceed the fee cap; waiting", pending.hash());
            }
        };
    }
}
