package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.chain.HoldingRpcProxy;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.Journal;
import dev.ballast.journal.TxAttempt;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two keepers on one shared journal and one vault. Keeper A decides the vault's rebalance and simulates it, then stands
 * still before it signs (a proxy holds its nonce read, as a SIGSTOP or a starved CPU would hold the whole process) for
 * longer than its lease; keeper B takes the lapsed lease and rebalances the vault. A, let go, must send nothing: its
 * simulation predates B's rebalance, and on chain the vault's cooldown would revert it, gas spent for nothing. The
 * failover bench hit exactly this under load (a keeper stalled 6 s after its simulation, found its leases gone at
 * the renewal before journaling, journaled the intent unfenced anyway and broadcast it: one reverted attempt).
 */
@ExtendWith(AnvilExtension.class)
class LeaseLostMidSendAnvilTest {
    private static final Duration TTL = Duration.ofSeconds(2);

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private SharedJournalFixture shared;

    LeaseLostMidSendAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        shared = SharedJournalFixture.deploy(chain, dir, "leaselost");
    }

    @AfterEach
    void restoreEnvironment() {
        shared.close();
    }

    @Test
    void aKeeperFrozenAfterItsSimulationPastItsLeaseSendsNothingOnceAnotherKeeperRebalanced() throws Exception {
        ApprovalScenario market = shared.scenario("\nleaseTtl: " + TTL.toSeconds() + "s");
        String keeperA = chain.account(1).getAddress();
        shared.stack.addKeeper(chain.rpc(), chain.account(2).getAddress()); // B signs with account 2
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (HoldingRpcProxy proxy = new HoldingRpcProxy(chain.rpcUrl())) {
            Configs configs = configs(market, proxy);
            market.shockWeth();
            BigInteger nonceA = market.nonce(keeperA);
            try (KeeperRuntime a = keeper(configs.a()); KeeperRuntime b = keeper(shared.otherSigner(configs.b()))) {
                // A takes the lease, decides, simulates; its next step asks the node for its nonce, and stands there
                heldAtItsNonceReadWhileBTakesOver(proxy, thread, a, b, head());
                assertThat(market.nonce(keeperA)).as("A broadcast nothing: no gas spent on a revert").isEqualTo(nonceA);
                assertThat(market.rebalancedEvents()).isEqualTo(1);
                try (Journal journal = Journal.open(shared.journal, Clock.systemUTC())) {
                    assertThat(journal.revertedAttempts()).isZero();
                    assertThat(journal.pendingTransactions()).as("no intent of A's left to re-broadcast").isEmpty();
                }
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * The window that remains: A journaled its intent under a live lease and stands still before the broadcast (the
     * proxy holds eth_sendRawTransaction) past its lease. Nothing off-chain can stop a frozen process's late send, so
     * the design must make it harmless: B, taking the lease, finds A's open intent, re-broadcasts A's journaled bytes
     * and decides nothing of its own; A's late broadcast then meets its own mined transaction. One rebalance, no revert.
     */
    @Test
    void aKeeperFrozenAfterJournalingItsIntentHasItsOwnBytesSentByTheNextHolderAndNothingReverts() throws Exception {
        ApprovalScenario market = shared.scenario("\nleaseTtl: " + TTL.toSeconds() + "s");
        String keeperB = chain.account(2).getAddress();
        shared.stack.addKeeper(chain.rpc(), keeperB);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (HoldingRpcProxy proxy = new HoldingRpcProxy(chain.rpcUrl())) {
            Configs configs = configs(market, proxy);
            market.shockWeth();
            BigInteger nonceB = market.nonce(keeperB);
            try (KeeperRuntime a = keeper(configs.a()); KeeperRuntime b = keeper(shared.otherSigner(configs.b()))) {
                proxy.holdNext("eth_sendRawTransaction");
                Future<Keeper.Outcome> frozen = thread.submit(() -> a.keeper().tick(head()).getFirst());
                assertThat(proxy.awaitHeld(Duration.ofSeconds(60))).as("A journaled its intent and broadcasts").isTrue();
                Thread.sleep(TTL.toMillis() + 500);

                Keeper.Outcome takeover = b.keeper().tick(head()).getFirst();
                assertThat(takeover.kind()).as("B waits on A's open intent: " + takeover.message())
                        .isEqualTo(Keeper.Outcome.Kind.WAITING);
                assertThat(rebalancedSoon(market)).as("B re-broadcast A's journaled bytes").isEqualTo(1);
                proxy.release();
                Keeper.Outcome resumed = frozen.get(60, TimeUnit.SECONDS);

                assertThat(resumed.kind()).as("A's own transaction: " + resumed.message())
                        .isEqualTo(Keeper.Outcome.Kind.REBALANCED);
                assertThat(market.nonce(keeperB)).as("B sent nothing of its own").isEqualTo(nonceB);
                assertThat(market.rebalancedEvents()).isEqualTo(1);
                try (Journal journal = Journal.open(shared.journal, Clock.systemUTC())) {
                    assertThat(journal.revertedAttempts()).isZero();
                }
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * The re-broadcast path: the node refused A's broadcast (the attempt is journaled REJECTED, hence resolved), and A
     * decides the same rebalance again at the same head: the same decision at the same nonce and fees signs the same
     * bytes, which the journal reopens rather than inserting twice. A stands still before signing them (the proxy holds
     * its nonce read) past its lease; B takes the lapsed lease, sees nothing open and rebalances. A, let go, must not
     * send its old bytes again: they were decided before B's rebalance, and on chain the vault's guards would revert
     * them. Before the fix only a fresh intent was fenced, so A reopened its REJECTED row and broadcast it regardless.
     */
    @Test
    void aKeeperWhoseRefusedBytesWouldGoOutAgainDoesNotSendThemOnceItLostItsLease() throws Exception {
        ApprovalScenario market = shared.scenario("\nleaseTtl: " + TTL.toSeconds() + "s");
        String keeperA = chain.account(1).getAddress();
        shared.stack.addKeeper(chain.rpc(), chain.account(2).getAddress());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (HoldingRpcProxy proxy = new HoldingRpcProxy(chain.rpcUrl())) {
            Configs configs = configs(market, proxy);
            market.shockWeth();
            BigInteger nonceA = market.nonce(keeperA);
            try (KeeperRuntime a = keeper(configs.a()); KeeperRuntime b = keeper(shared.otherSigner(configs.b()))) {
                long head = head();
                proxy.refuseNext("eth_sendRawTransaction", "transaction underpriced");
                Keeper.Outcome refused = a.keeper().tick(head).getFirst();
                assertThat(refused.message()).as("the node refused A's broadcast").contains("transaction underpriced");
                assertThat(proxy.calls("eth_sendRawTransaction")).isEqualTo(1);
                String refusedHash = onlyAttempt(AttemptStatus.REJECTED);

                heldAtItsNonceReadWhileBTakesOver(proxy, thread, a, b, head); // A decides the same again
                assertThat(proxy.calls("eth_sendRawTransaction")).as("A's bytes never went out a second time").isEqualTo(1);
                assertThat(market.nonce(keeperA)).as("nothing of A's was mined: no gas spent on a revert").isEqualTo(nonceA);
                assertThat(market.rebalancedEvents()).isEqualTo(1);
                try (Journal journal = Journal.open(shared.journal, Clock.systemUTC())) {
                    assertThat(journal.attempt(refusedHash).orElseThrow().status()).as("A's refused row stays closed")
                            .isEqualTo(AttemptStatus.REJECTED);
                    assertThat(journal.revertedAttempts()).isZero();
                }
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * A ticks at {@code headA} and stands at its nonce read (after deciding and simulating) past its lease; B takes the
     * lapsed lease and rebalances; A, let go, must end WAITING for the lease it no longer holds.
     */
    private void heldAtItsNonceReadWhileBTakesOver(HoldingRpcProxy proxy, ExecutorService thread, KeeperRuntime a,
            KeeperRuntime b, long headA) throws Exception {
        proxy.holdNext("eth_getTransactionCount");
        Future<Keeper.Outcome> frozen = thread.submit(() -> a.keeper().tick(headA).getFirst());
        assertThat(proxy.awaitHeld(Duration.ofSeconds(60))).as("A reached its nonce read").isTrue();
        Thread.sleep(TTL.toMillis() + 500); // A's lease lapses; its heartbeat goes stale

        Keeper.Outcome takeover = b.keeper().tick(head()).getFirst();
        assertThat(takeover.kind()).as("B took the lapsed lease and rebalanced: " + takeover.message())
                .isEqualTo(Keeper.Outcome.Kind.REBALANCED);
        proxy.release();
        Keeper.Outcome resumed = frozen.get(60, TimeUnit.SECONDS);
        assertThat(resumed.kind()).as("A, resumed: " + resumed.message()).isEqualTo(Keeper.Outcome.Kind.WAITING);
        assertThat(resumed.message()).contains("not sent").contains("lease");
    }

    /**
     * The vault's Rebalanced events once there is one, or after 10 s: Anvil answers eth_sendRawTransaction when the
     * transaction is in its pool and mines it a moment later (under a loaded suite, after B's tick had returned).
     */
    private static int rebalancedSoon(ApprovalScenario market) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int events = market.rebalancedEvents();
        while (events == 0 && System.nanoTime() < until) {
            Thread.sleep(50);
            events = market.rebalancedEvents();
        }
        return events;
    }

    /** The hash of the journal's one attempt, which must have {@code status}. */
    private String onlyAttempt(AttemptStatus status) throws Exception {
        try (Journal journal = Journal.open(shared.journal, Clock.systemUTC())) {
            List<TxAttempt> attempts = journal.attemptsFromNonce(chain.account(1).getAddress(), 0);
            assertThat(attempts).extracting(TxAttempt::status).containsExactly(status);
            return attempts.getFirst().txHash();
        }
    }

    /** Keeper A's and B's configurations, sending (not proposing): A reaches the node through the proxy, B directly. */
    private record Configs(Path a, Path b) {}

    private Configs configs(ApprovalScenario market, HoldingRpcProxy proxy) throws IOException {
        String config = Files.readString(market.config).replace("    mode: propose\n", "");
        Path a = dir.resolve("keeper-a.yaml");
        Files.writeString(a, config.replace(chain.rpcUrl(), proxy.url()));
        Path b = dir.resolve("keeper-b.yaml");
        Files.writeString(b, config);
        return new Configs(a, b);
    }

    private long head() throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    private static KeeperRuntime keeper(Path config) throws Exception {
        KeeperOptions options = new KeeperOptions();
        options.config = config;
        return KeeperRuntime.create(options.settings(options.load(), new PolicyOptions()), KeeperEvents.NONE);
    }
}
