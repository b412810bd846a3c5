package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.HoldingRpcProxy;
import dev.ballast.config.BatchConfig;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.BatchJournal;
import dev.ballast.journal.Journal;
import dev.ballast.journal.SharedJournal;
import dev.ballast.journal.TxAttempt;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.http.HttpService;

/**
 * Batching in the running keeper (issue 16 §3) on Anvil with the real BatchRebalancer: a fleet of vaults on one pool,
 * each of which made the batch contract a keeper and a venue through its timelock, pushed out of band by one WETH
 * shock and handled by the keeper {@code ballast run} builds with {@code batch.enabled}.
 */
class BatchKeeperAnvilTest {
    private static final int VAULTS = 5;
    private static final String REBALANCED = EventEncoder.encode(RebalancingVault.REBALANCED_EVENT);

    private static AnvilProcess anvil;
    private static Web3j web3j;
    private static AnvilRpc rpc;
    private static KeeperFleet fleet;
    private static String deployed;
    private static final Credentials KEEPER = DevAccounts.get(1);

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy() throws Exception {
        anvil = AnvilProcess.start(AnvilOptions.defaults());
        HttpService service = new HttpService(anvil.rpcUrl());
        web3j = Web3j.build(service);
        rpc = new AnvilRpc(service);
        Credentials deployer = DevAccounts.get(0);
        fleet = KeeperFleet.deploy(web3j, rpc, DevGas.txManager(web3j, deployer, BatchKeeperBenchmark.CHAIN_ID), deployer,
                BatchKeeperBenchmark.CHAIN_ID, KEEPER.getAddress(), VAULTS, 1, true);
        deployed = rpc.snapshot();
    }

    @AfterAll
    static void stop() {
        web3j.shutdown();
        anvil.close();
    }

    @BeforeEach
    void fresh() {
        rpc.setAutomine(true);
        rpc.revert(deployed);
        deployed = rpc.snapshot();
    }

    @Test
    void outOfBandVaultsGoOutAsOneBatchTransactionAndTheJournalListsEveryMember() throws Exception {
        try (KeeperRuntime keeper = KeeperRuntime.create(settings("one.sqlite", batching()), KeeperEvents.NONE)) {
            shockOutOfBand();
            long head = fleet.blockNumber();

            List<Keeper.Outcome> outcomes = keeper.keeper().tick(head);

            assertThat(outcomes).extracting(Keeper.Outcome::kind).containsOnly(Keeper.Outcome.Kind.REBALANCED);
            List<TxAttempt> attempts = keeper.journal().attemptsFromNonce(KEEPER.getAddress(), 0);
            assertThat(attempts).as("one transaction for every vault").singleElement().satisfies(a -> {
                assertThat(a.vault()).isEqualToIgnoringCase(fleet.batch(0));
                assertThat(a.status()).isEqualTo(AttemptStatus.MINED);
            });
            List<BatchJournal.Member> members = keeper.journal().batches().members(attempts.getFirst().txHash());
            assertThat(members).extracting(BatchJournal.Member::vault).containsExactlyInAnyOrderElementsOf(vaults());
            assertThat(members).allSatisfy(m -> {
                assertThat(m.outcome()).isEqualTo(BatchJournal.REBALANCED);
                assertThat(m.decisionId()).isNotNull();
            });
            for (String v : vaults()) assertThat(rebalancedEvents(v)).as(v).isEqualTo(1);
            var receipt = web3j.ethGetTransactionReceipt(attempts.getFirst().txHash()).send().getTransactionReceipt().orElseThrow();
            assertThat(receipt.getLogs()).filteredOn(l -> l.getTopics().getFirst().equals(REBALANCED)).hasSize(VAULTS);
        }
    }

    /**
     * Five vaults of one pool due at one head, two a batch: all three batches are simulated in sequence and broadcast
     * at that head under consecutive nonces, before any of them is mined (the keeper does not wait for a receipt
     * between them), and all land in the next block with every vault's Rebalanced event.
     */
    @Test
    void severalBatchesOfOnePoolDueAtOneHeadAreAllBroadcastBackToBackAndAllLand() throws Exception {
        try (KeeperRuntime keeper = KeeperRuntime.create(settings("several.sqlite", new BatchConfig(true,
                List.of(fleet.batch(0)), 2)), KeeperEvents.NONE)) {
            shockOutOfBand();
            long head = fleet.blockNumber();
            rpc.setAutomine(false);
            CompletableFuture<List<Keeper.Outcome>> tick = CompletableFuture.supplyAsync(() -> keeper.keeper().tick(head));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (keeper.journal().pendingTransactions().stream().filter(a -> a.status() == AttemptStatus.SENT).count() < 3) {
                assertThat(System.nanoTime()).as("three batches broadcast without a block mined").isLessThan(deadline);
                assertThat(tick).as("the keeper still follows what it sent").isNotDone();
                Thread.sleep(50);
            }
            assertThat(fleet.blockNumber()).as("nothing mined while they went out").isEqualTo(head);
            rpc.mine(1);
            List<Keeper.Outcome> outcomes = tick.get(2, TimeUnit.MINUTES);

            assertThat(outcomes).extracting(Keeper.Outcome::kind).containsOnly(Keeper.Outcome.Kind.REBALANCED);
            List<TxAttempt> attempts = keeper.journal().attemptsFromNonce(KEEPER.getAddress(), 0);
            assertThat(attempts).hasSize(3).extracting(TxAttempt::status).containsOnly(AttemptStatus.MINED);
            long first = attempts.getFirst().nonce();
            assertThat(attempts).extracting(TxAttempt::nonce).as("consecutive nonces").containsExactly(first, first + 1, first + 2);
            assertThat(attempts.stream().mapToInt(a -> keeper.journal().batches().members(a.txHash()).size()).sum()).isEqualTo(VAULTS);
            for (TxAttempt a : attempts) {
                var receipt = web3j.ethGetTransactionReceipt(a.txHash()).send().getTransactionReceipt().orElseThrow();
                assertThat(receipt.getBlockNumber().longValueExact()).as("every batch in the block after the head").isEqualTo(head + 1);
                assertThat(keeper.journal().batches().members(a.txHash())).extracting(BatchJournal.Member::outcome)
                        .containsOnly(BatchJournal.REBALANCED);
            }
            for (String v : vaults()) assertThat(rebalancedEvents(v)).as(v).isEqualTo(1);
            assertThat(keeper.journal().revertedAttempts()).isZero();
        }
    }

    @Test
    void aVaultWhoseGuardRefusesIsLeftOutAndReportedWhileTheOthersProceed() throws Exception {
        try (KeeperRuntime keeper = KeeperRuntime.create(settings("refused.sqlite", batching()), KeeperEvents.NONE)) {
            String refused = fleet.vaults().get(2).address();
            // the vault's owner takes the batch contract's keeper role back after the keeper started: rebalance guards
            // it with onlyKeeper, which only the vault itself knows
            RebalancingVault owned = RebalancingVault.load(refused, web3j, DevGas.txManager(web3j, DevAccounts.get(0),
                    BatchKeeperBenchmark.CHAIN_ID), DevGas.provider(BatchKeeperBenchmark.CHAIN_ID));
            DevStack.govern(owned, rpc, List.of(new DevStack.Change(refused, DevStack.call("setKeeper",
                    new Address(fleet.batch(0)), new Bool(false)))));
            shockOutOfBand();
            long head = fleet.blockNumber();

            List<Keeper.Outcome> outcomes = keeper.keeper().tick(head);

            Keeper.Outcome left = outcomes.get(2);
            assertThat(left.kind()).isEqualTo(Keeper.Outcome.Kind.REFUSED);
            assertThat(left.message()).contains("left out of the batch", "NotKeeper");
            assertThat(outcomes).filteredOn(o -> o != left).extracting(Keeper.Outcome::kind)
                    .containsOnly(Keeper.Outcome.Kind.REBALANCED);
            List<TxAttempt> attempts = keeper.journal().attemptsFromNonce(KEEPER.getAddress(), 0);
            assertThat(attempts).singleElement().extracting(TxAttempt::status).isEqualTo(AttemptStatus.MINED);
            assertThat(keeper.journal().batches().members(attempts.getFirst().txHash())).extracting(BatchJournal.Member::vault)
                    .hasSize(VAULTS - 1).doesNotContain(refused.toLowerCase(Locale.ROOT));
            assertThat(keeper.journal().revertedAttempts()).as("no gas spent on the foreseeable refusal").isZero();
            assertThat(rebalancedEvents(refused)).isZero();
            assertThat(keeper.journal().recentDecisions(50)).anySatisfy(d -> {
                assertThat(d.vault()).isEqualToIgnoringCase(refused);
                assertThat(d.decision()).isEqualTo("SIMULATION_REVERTED");
            });
        }
    }

    @Test
    void withBatchingOffEveryVaultIsItsOwnTransactionAsBefore() throws Exception {
        try (KeeperRuntime keeper = KeeperRuntime.create(settings("off.sqlite", BatchConfig.DISABLED), KeeperEvents.NONE)) {
            shockOutOfBand();
            List<Keeper.Outcome> outcomes = keeper.keeper().tick(fleet.blockNumber());

            assertThat(outcomes).extracting(Keeper.Outcome::kind).containsOnly(Keeper.Outcome.Kind.REBALANCED);
            List<TxAttempt> attempts = keeper.journal().attemptsFromNonce(KEEPER.getAddress(), 0);
            assertThat(attempts).hasSize(VAULTS);
            assertThat(attempts).extracting(TxAttempt::vault).containsExactlyInAnyOrderElementsOf(
                    fleet.vaults().stream().map(KeeperFleet.Vault::address).toList());
            for (TxAttempt a : attempts) assertThat(keeper.journal().batches().members(a.txHash())).isEmpty();
        }
    }

    @Test
    void aSignerTheBatchContractDoesNotAcceptStopsTheStartNamingTheKeyAndTheFix() {
        KeeperRuntime.Settings stranger = BatchKeeperBenchmark.settings(anvil.rpcUrl(), fleet, dir.resolve("x.sqlite"),
                DevAccounts.get(2), batching());
        assertThatThrownBy(() -> KeeperRuntime.create(stranger, KeeperEvents.NONE))
                .isInstanceOf(dev.ballast.keeper.KeeperSetupException.class)
                .hasMessageContaining("batch.contract " + fleet.batch(0))
                .hasMessageContaining("not an operator")
                .hasMessageContaining("setOperator(" + DevAccounts.get(2).getAddress() + ", true)");
    }

    /**
     * A keeper process is killed with SIGKILL while its batch is broadcast but not mined; the batch is then mined and a
     * new keeper starts on the same journal. Every vault's Rebalanced events on chain must equal its journaled
     * rebalances, and no nonce carries two of our transactions: the killed batch was settled, never sent again.
     */
    @Test
    void aKeeperKilledAfterBroadcastingABatchNeverRebalancesAVaultTwiceAfterRestart() throws Exception {
        Path journal = dir.resolve("killed.sqlite");
        Journal.open(journal).close(); // migrated here first: the child never races the reader over the schema
        shockOutOfBand();
        rpc.setAutomine(false);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BatchKeeperProcessMain.class.getName(), anvil.rpcUrl(), journal.toString(), fleet.batch(0),
                String.join(",", fleet.vaults().stream().map(KeeperFleet.Vault::address).toList()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        String batch;
        try (Journal view = Journal.open(journal)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (view.pendingTransactions().stream().noneMatch(a -> a.status() == AttemptStatus.SENT)) {
                assertThat(System.nanoTime()).as("the child keeper broadcast its batch").isLessThan(deadline);
                assertThat(child.isAlive()).as("child keeper alive; see child.log").isTrue();
                Thread.sleep(100);
            }
            batch = view.pendingTransactions().getFirst().txHash();
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(web3j.ethGetTransactionByHash(batch).send().getTransaction()).as("the node holds the broadcast batch").isPresent();
        rpc.mine(1); // the batch is mined while no keeper runs

        try (KeeperRuntime restarted = KeeperRuntime.create(settings(journal, batching()), KeeperEvents.NONE)) {
            // start-up reconciliation found the batch mined and journaled each member's result
            assertThat(restarted.journal().attempt(batch).orElseThrow().status()).isEqualTo(AttemptStatus.MINED);
            assertThat(restarted.journal().batches().members(batch)).hasSize(VAULTS)
                    .extracting(BatchJournal.Member::outcome).containsOnly(BatchJournal.REBALANCED);
            rpc.setAutomine(true);
            for (int i = 0; i < 3; i++) {
                rpc.mine(1);
                CompletableFuture.runAsync(() -> {
                    try {
                        restarted.keeper().tick(fleet.blockNumber());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).get(2, TimeUnit.MINUTES);
            }
            List<TxAttempt> attempts = restarted.journal().attemptsFromNonce(KEEPER.getAddress(), 0);
            assertThat(attempts).filteredOn(a -> a.nonce() == attempts.getFirst().nonce()).as("nothing else at the killed batch's nonce")
                    .singleElement().extracting(TxAttempt::txHash).isEqualTo(batch);
            assertThat(restarted.journal().revertedAttempts()).isZero();
            for (String v : vaults()) {
                long journaled = attempts.stream().filter(a -> a.status() == AttemptStatus.MINED)
                        .flatMap(a -> restarted.journal().batches().members(a.txHash()).stream())
                        .filter(m -> m.vault().equals(v) && BatchJournal.REBALANCED.equals(m.outcome())).count();
                assertThat(rebalancedEvents(v)).as("vault %s: Rebalanced events = journaled batch rebalances", v)
                        .isEqualTo(journaled).isPositive();
            }
        }
    }

    /**
     * Keeper A (batching) decides the due vaults and then stands still before it prices them (a proxy holds its fee
     * read, as a SIGSTOP or a starved CPU would) past its 2 s leases; keeper B (one transaction per vault) takes the
     * lapsed leases and sends its first rebalance, not yet mined. A, let go, puts its batch together after B's leases
     * were taken: every member is left out. Before, a member whose lease was gone went into the batch unfenced, and the
     * batch, simulated before B's transaction was mined, went out beside it.
     */
    @Test
    void aBatchingKeeperFrozenPastItsLeasesLeavesEveryMemberOutRatherThanSendingThemUnfenced() throws Exception {
        Credentials other = DevAccounts.get(2);
        fleet.addKeepers(List.of(other.getAddress()));
        SharedJournal shared = new SharedJournal(ThrowawayPostgres.shared().newDatabase("batchlease"), Duration.ofSeconds(2));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (HoldingRpcProxy proxy = new HoldingRpcProxy(anvil.rpcUrl());
                KeeperRuntime a = KeeperRuntime.create(BatchKeeperBenchmark.settings(proxy.url(), fleet, dir.resolve("a"),
                        KEEPER, batching()).withSharedJournal(Optional.of(shared)), KeeperEvents.NONE);
                KeeperRuntime b = KeeperRuntime.create(BatchKeeperBenchmark.settings(anvil.rpcUrl(), fleet, dir.resolve("b"),
                        other, BatchConfig.DISABLED).withSharedJournal(Optional.of(shared)), KeeperEvents.NONE)) {
            shockOutOfBand();
            long head = fleet.blockNumber();
            BigInteger nonceA = web3j.ethGetTransactionCount(KEEPER.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount();
            rpc.setAutomine(false);
            proxy.holdNext("eth_feeHistory");
            Future<List<Keeper.Outcome>> frozen = threads.submit(() -> a.keeper().tick(head));
            assertThat(proxy.awaitHeld(Duration.ofSeconds(60))).as("A decided and reached its fee read").isTrue();
            Thread.sleep(shared.leaseTtl().toMillis() + 500); // A's leases lapse; its heartbeat goes stale
            Future<List<Keeper.Outcome>> takeover = threads.submit(() -> b.keeper().tick(head));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (b.journal().pendingTransactions().stream().noneMatch(t -> t.status() == AttemptStatus.SENT)) {
                assertThat(System.nanoTime()).as("B broadcast its first rebalance").isLessThan(deadline);
                Thread.sleep(50);
            }
            proxy.release();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!frozen.isDone() || !takeover.isDone()) { // B follows its rebalances one block after another
                assertThat(System.nanoTime()).as("both keepers finish their block").isLessThan(deadline);
                rpc.mine(1);
                Thread.sleep(300);
            }

            List<Keeper.Outcome> resumed = frozen.get();
            assertThat(resumed).as("A, resumed").allSatisfy(o -> {
                assertThat(o.kind()).as(o.message()).isEqualTo(Keeper.Outcome.Kind.WAITING);
                assertThat(o.message()).contains("left out of the batch").contains("lease");
            });
            assertThat(web3j.ethGetTransactionCount(KEEPER.getAddress(), DefaultBlockParameterName.LATEST).send()
                    .getTransactionCount()).as("A broadcast nothing").isEqualTo(nonceA);
            assertThat(takeover.get()).as("B rebalanced at least the vault it sent first")
                    .anySatisfy(o -> assertThat(o.kind()).isEqualTo(Keeper.Outcome.Kind.REBALANCED));
            for (String v : vaults()) assertThat(rebalancedEvents(v)).as(v).isLessThanOrEqualTo(1);
            assertThat(b.journal().revertedAttempts()).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    /** WETH moved away from the price the vaults were funded at (after a revert the fleet's next shock may return to it). */
    private static void shockOutOfBand() throws Exception {
        if (!fleet.nextShockRaisesWeth()) fleet.shock();
        fleet.shock();
    }

    private KeeperRuntime.Settings settings(String journal, BatchConfig batch) {
        return settings(dir.resolve(journal), batch);
    }

    private static KeeperRuntime.Settings settings(Path journal, BatchConfig batch) {
        return BatchKeeperBenchmark.settings(anvil.rpcUrl(), fleet, journal, KEEPER, batch);
    }

    private static BatchConfig batching() {
        return new BatchConfig(true, List.of(fleet.batch(0)), 40);
    }

    private static List<String> vaults() {
        return fleet.vaults().stream().map(v -> v.address().toLowerCase(Locale.ROOT)).toList();
    }

    private static long rebalancedEvents(String vault) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, vault);
        filter.addSingleTopic(REBALANCED);
        return web3j.ethGetLogs(filter).send().getLogs().size();
    }
}
