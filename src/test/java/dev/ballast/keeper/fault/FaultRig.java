package dev.ballast.keeper.fault;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.bench.fault.FaultProxy;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.gas.GasPolicy;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.TxAttempt;
import dev.ballast.journal.TxReceipt;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperFixture;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One deployed vault on Anvil, a {@link FaultProxy} in front of the node, and a live keeper (head watcher and all)
 * talking to the node through the proxy. Each trial starts from the same chain snapshot with a fresh journal; the rig
 * mines blocks itself (13 s apart, base fee pinned unless a scenario forces it) and checks the end state on the chain
 * and in the journal.
 */
final class FaultRig implements AutoCloseable {
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    static final BigDecimal BAND = new BigDecimal("0.05");
    static final List<DevAsset> ASSETS = KeeperFixture.ASSETS;

    final AnvilChain chain;
    final DevStack stack;
    final FaultProxy proxy;
    private final Random random;
    private String snapshot;
    private KeeperRuntime runtime;
    /** The journal the checks read: the in-process keeper's, or the file a keeper process writes. */
    private dev.ballast.journal.Journal journalView;
    private BigInteger baseFee = GWEI;

    private FaultRig(AnvilChain chain, DevStack stack, FaultProxy proxy, Random random) {
        this.chain = chain;
        this.stack = stack;
        this.proxy = proxy;
        this.random = random;
    }

    static FaultRig deploy(AnvilChain chain, long seed) throws Exception {
        DevStack stack = DevStack.deploy(chain.web3j(), chain.rpc(), chain.txManager(0), DevGas.provider(31337),
                chain.account(0).getAddress(), chain.account(1).getAddress(), ASSETS, DevStack.defaultParams(BAND),
                new BigDecimal("20000000"), new BigDecimal("200000"));
        return new FaultRig(chain, stack, FaultProxy.start(chain.rpcUrl(), seed), new Random(seed));
    }

    /** Seeds the rig's timing and the proxy's fault draws for one trial. */
    void reseed(long seed) {
        random.setSeed(seed);
        proxy.reseed(seed);
    }

    /** A new test method: the extension reverted the chain to just after deployment, taking the rig's snapshot with it. */
    void newScenario() {
        snapshot = null;
    }

    /** Back to the deployed state with automine on, no fault, and the vault pushed out of its band. */
    void beginTrial() throws Exception {
        stopKeeper();
        proxy.clear();
        if (snapshot != null) chain.rpc().revert(snapshot);
        chain.rpc().setAutomine(true);
        snapshot = chain.rpc().snapshot();
        baseFee = GWEI;
        mine(1); // a forced base fee outlives evm_revert: pin it back before anything is sent
        shockWeth("4200");
        // empty blocks past the fee-history window: the keeper's quote is then the same every block, so a rebuilt
        // transaction is byte-identical to the one before (what a wedged journal insert needs to show)
        chain.rpc().mine(12);
        mine(1);
    }

    /** Starts a keeper whose every RPC call goes through the proxy. */
    KeeperRuntime startKeeper(Path journal, Duration replacementWait) throws Exception {
        runtime = KeeperRuntime.create(settings(proxy.url(), vault(), journal, replacementWait), KeeperEvents.NONE);
        runtime.start();
        journalView = runtime.journal();
        return runtime;
    }

    /** The keeper as the suite runs it: dev account 1, one vault, 100 gwei cap, 100 ms head polling. */
    static KeeperRuntime.Settings settings(String rpcUrl, String vault, Path journal, Duration replacementWait) {
        GasPolicy gas = new GasPolicy(10, 50, GWEI.multiply(BigInteger.valueOf(100)), BigInteger.ONE,
                GWEI.multiply(BigInteger.TWO), 12, replacementWait);
        return new KeeperRuntime.Settings(31337, List.of(RpcEndpoint.http("proxied", rpcUrl)), Optional.empty(),
                dev.ballast.anvil.DevAccounts.get(1),
                List.of(new KeeperRuntime.VaultSpec("demo", vault, ValueUnits.ofWhole(100), BigInteger.TEN.pow(16).longValueExact(),
                        0, 0)),
                gas, 1, Duration.ofMillis(100), journal, new Keeper.GasModel(400_000, 150_000, ValueUnits.ofWhole(3000)),
                List.of());
    }

    /**
     * Starts a keeper in its own JVM (through the proxy) on {@code journal}; the test reads the same journal file. The
     * journal is created here first, so the child never races the reader over the schema.
     */
    Process startKeeperProcess(Path journal, Path log) throws Exception {
        if (journalView == null) journalView = dev.ballast.journal.Journal.open(journal);
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), KeeperProcessMain.class.getName(),
                proxy.url(), vault(), journal.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** kill -9: no shutdown hook, no finally block, no journal close. */
    static void kill9(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stopKeeper() {
        if (runtime != null) runtime.close();
        else if (journalView != null) journalView.close();
        runtime = null;
        journalView = null;
    }

    dev.ballast.journal.Journal journal() {
        return journalView;
    }

    /** The base fee the rig pins every block it mines to (a fee spike raises it). */
    void baseFee(BigInteger wei) {
        this.baseFee = wei;
    }

    /** Mines {@code n} blocks, 13 s apart, at the pinned base fee, with a short random pause after each. */
    void mine(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            chain.rpc().setNextBlockBaseFee(baseFee);
            chain.rpc().increaseTime(13);
            chain.rpc().mine(1);
            Thread.sleep(120 + random.nextInt(200));
        }
    }

    /** Mines until {@code done} holds; returns the blocks mined, or fails after {@code max}. */
    int mineUntil(BooleanSupplier done, int max, String what) throws Exception {
        for (int n = 0; n <= max; n++) {
            if (done.getAsBoolean()) return n;
            if (n < max) mine(1);
        }
        throw new AssertionError("not within " + max + " blocks: " + what + "\n" + describeJournal());
    }

    /**
     * Blocks mined from now until the vault is back in its band and the journal is settled and true ({@link #verify}
     * finds nothing: no open attempt, every receipt canonical, no nonce queued behind a gap).
     */
    int recover(int max) throws Exception {
        long from = head();
        mineUntil(() -> inBand() && settled(), max, "vault back in band, journal settled and true");
        return (int) (head() - from);
    }

    private boolean settled() {
        try {
            return verify().problems().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    boolean inBand() {
        try {
            return stack.vault().drift().send().component1().compareTo(BAND.movePointRight(18).toBigIntegerExact()) <= 0;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<TxAttempt> attempts() {
        return journalView.attemptsFromNonce(keeperAddress(), 0);
    }

    List<TxAttempt> openAttempts() {
        return attempts().stream().filter(a -> a.status().unresolved()).toList();
    }

    boolean journaled(AttemptStatus status) {
        return attempts().stream().anyMatch(a -> a.status() == status);
    }

    long head() throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    String vault() {
        return stack.vault().getContractAddress();
    }

    String keeperAddress() {
        return chain.account(1).getAddress();
    }

    long keeperNonce(DefaultBlockParameterName at) throws Exception {
        return chain.web3j().ethGetTransactionCount(keeperAddress(), at).send().getTransactionCount().longValueExact();
    }

    /**
     * The end state, checked on the chain and in the journal: every Rebalanced event is a journaled attempt MINED in
     * that very (canonical) block, each decision traded at most once, every MINED receipt names a canonical block,
     * every attempt is final and a DROPPED or REJECTED one says why, and the keeper has no transaction queued behind a
     * nonce gap. Returns the duplicates (events beyond one per decision), which must be 0.
     */
    Verdict verify() throws Exception {
        List<String> problems = new ArrayList<>();
        List<TxAttempt> attempts = attempts();
        Set<Long> decisionsTraded = new HashSet<>();
        List<Log> events = rebalancedEvents();
        int duplicates = 0;
        for (Log event : events) {
            Optional<TxAttempt> a = attempts.stream().filter(x -> x.txHash().equalsIgnoreCase(event.getTransactionHash())).findFirst();
            if (a.isEmpty()) {
                problems.add("Rebalanced in " + event.getTransactionHash() + " is not in the journal");
                continue;
            }
            if (a.get().status() != AttemptStatus.MINED) {
                problems.add("Rebalanced in " + a.get().txHash() + " is journaled " + a.get().status() + " (" + a.get().error() + ")");
            }
            Optional<TxReceipt> receipt = journalView.receipt(a.get().txHash());
            if (receipt.isEmpty() || !receipt.get().blockHash().equalsIgnoreCase(event.getBlockHash())) {
                problems.add("receipt of " + a.get().txHash() + " is " + receipt + ", the event is in block " + event.getBlockHash());
            }
            if (!decisionsTraded.add(a.get().decisionId())) duplicates++;
        }
        for (TxAttempt a : attempts) {
            if (a.status().unresolved()) problems.add("attempt " + a.txHash() + " is still " + a.status());
            if ((a.status() == AttemptStatus.DROPPED || a.status() == AttemptStatus.REJECTED) && a.error() == null) {
                problems.add("attempt " + a.txHash() + " is " + a.status() + " without a reason");
            }
            if (a.status() == AttemptStatus.MINED) {
                TxReceipt r = journalView.receipt(a.txHash()).orElseThrow();
                var canonical = chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(r.blockNumber())),
                        false).send().getBlock();
                if (canonical == null || !canonical.getHash().equalsIgnoreCase(r.blockHash())) {
                    problems.add("attempt " + a.txHash() + " is MINED in block " + r.blockNumber() + " " + r.blockHash()
                            + ", not canonical");
                }
            }
        }
        long mined = keeperNonce(DefaultBlockParameterName.LATEST);
        long pending = keeperNonce(DefaultBlockParameterName.PENDING);
        if (pending != mined) problems.add("keeper has " + (pending - mined) + " transaction(s) queued: pending nonce "
                + pending + ", mined " + mined);
        return new Verdict(events.size(), duplicates, problems);
    }

    record Verdict(int rebalances, int duplicates, List<String> problems) {}

    List<Log> rebalancedEvents() throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, vault());
        filter.addSingleTopic(EventEncoder.encode(RebalancingVault.REBALANCED_EVENT));
        List<Log> logs = new ArrayList<>();
        for (var result : chain.web3j().ethGetLogs(filter).send().getLogs()) logs.add((Log) result.get());
        return logs;
    }

    String describeJournal() {
        if (journalView == null) return "(no keeper)";
        StringBuilder out = new StringBuilder("journal:");
        for (TxAttempt a : attempts()) {
            out.append("\n  nonce ").append(a.nonce()).append(' ').append(a.txHash()).append(' ').append(a.status())
                    .append(" decision ").append(a.decisionId()).append(a.error() == null ? "" : " (" + a.error() + ")");
        }
        try {
            out.append("\n  chain nonce mined ").append(keeperNonce(DefaultBlockParameterName.LATEST)).append(", pending ")
                    .append(keeperNonce(DefaultBlockParameterName.PENDING)).append(", in band ").append(inBand());
        } catch (Exception e) {
            out.append("\n  (chain unreadable: ").append(e.getMessage()).append(')');
        }
        return out.toString();
    }

    private void shockWeth(String price) throws Exception {
        KeeperFixture.shockWeth(stack, chain.rpc(), price);
    }

    @Override
    public void close() {
        stopKeeper();
        proxy.close();
    }
}
