package dev.ballast.keeper.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.bench.fault.Fault;
import dev.ballast.journal.AttemptStatus;
import dev.ballast.journal.TxAttempt;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/**
 * The live keeper (head watcher, journal, supervisor) against a real vault on Anvil, with real faults between them:
 * lost and never-forwarded broadcasts, a hanging node, a receipt that trails the nonce, RPC chaos, reorgs of the
 * rebalance's block, a base-fee spike and an outside transaction on the keeper's nonce. Each scenario runs several
 * trials with seeded random timing; each trial checks the chain and the journal ({@link FaultRig#verify}) and measures
 * the blocks from the moment the fault clears until the vault is back in its band with nothing open.
 *
 * <p>Seeds: {@code -Dballast.faultSeed=N} (default 17; printed), trials per scenario: {@code -Dballast.faultTrials=N}.
 * Every scenario prints {@code faults: scenario=… trials=… duplicates=0 recovery_blocks_max=…} and appends it to
 * {@code target/fault-suite-figures.txt}.
 */
@ExtendWith(AnvilExtension.class)
class KeeperFaultSuiteTest {
    private static final long SEED = Long.getLong("ballast.faultSeed", 17);
    /** Each scenario's figures line is appended here too (under the module's target/), one line per scenario. */
    static final String FIGURES = "fault-suite-figures.txt";
    private static FaultRig rig;

    @TempDir
    Path dir;

    @BeforeAll
    static void deploy(AnvilChain chain) throws Exception {
        Files.deleteIfExists(Path.of("target", FIGURES));
        rig = FaultRig.deploy(chain, SEED);
    }

    @AfterAll
    static void close() {
        if (rig != null) rig.close();
    }

    @BeforeEach
    void newScenario() {
        rig.newScenario();
    }

    /** Bug 2: the node took the broadcast but its answer was lost; after a restart too (odd trials). */
    @Test
    void aBroadcastWhoseAnswerIsLostIsLookedUpNotJournaledRejected() throws Exception {
        scenario("send_answer_lost", 4, (trial, random) -> {
            rig.proxy.set("eth_sendRawTransaction", Fault.SEND_ANSWER_LOST, 1.0);
            Path journal = journal("lost", trial);
            rig.startKeeper(journal, Duration.ofSeconds(5));
            rig.mineUntil(() -> !rig.attempts().isEmpty(), 10, "the keeper broadcast");
            boolean restart = trial % 2 == 1;
            if (restart) rig.stopKeeper(); // the keeper dies not knowing whether its broadcast arrived
            rig.mine(random.nextInt(3));
            rig.proxy.clear();
            if (restart) rig.startKeeper(journal, Duration.ofSeconds(5));
            return rig.recover(15);
        });
    }

    /** Bug 3: the broadcast never reached the node; the journaled bytes are sent again, never inserted twice. */
    @Test
    void aBroadcastThatNeverReachedTheNodeIsSentAgainFromTheJournal() throws Exception {
        scenario("send_never_forwarded", 3, (trial, random) -> {
            rig.proxy.set("eth_sendRawTransaction", Fault.SEND_NOT_FORWARDED, 1.0);
            rig.startKeeper(journal("lost-send", trial), Duration.ofSeconds(5));
            rig.mineUntil(() -> !rig.attempts().isEmpty(), 10, "the keeper tried to broadcast");
            rig.mine(1 + random.nextInt(4)); // blocks in which the node still never hears of it
            rig.proxy.clear();
            int blocks = rig.recover(15);
            assertThat(rig.attempts().stream().filter(a -> a.status() == AttemptStatus.MINED).count()).isEqualTo(1);
            return blocks;
        });
    }

    /**
     * A broadcast that never arrived, and by the time the node is reachable the base fee has risen past its max fee:
     * the node refuses the journaled bytes for as long as the base fee stays up. They are journaled REJECTED with the node's
     * reason and the vault is decided afresh at today's fees, not left waiting on bytes no node will take.
     */
    @Test
    void aLostBroadcastRefusedOnceItArrivesIsRejectedAndDecidedAfresh() throws Exception {
        scenario("lost_send_then_base_fee_rise", 2, (trial, random) -> {
            rig.proxy.set("eth_sendRawTransaction", Fault.SEND_NOT_FORWARDED, 1.0);
            rig.startKeeper(journal("lost-spike", trial), Duration.ofSeconds(5));
            rig.mineUntil(() -> !rig.attempts().isEmpty(), 10, "the keeper tried to broadcast");
            TxAttempt lost = rig.attempts().getFirst();
            // above the lost bytes' max fee (~1.75 gwei), still cheap enough for the policy to trade at
            rig.baseFee(FaultRig.GWEI.multiply(BigInteger.valueOf(5 + random.nextInt(4))));
            rig.mine(1);
            rig.proxy.clear();
            int blocks = rig.recover(10); // the higher base fee lasts: recovery has to happen under it
            TxAttempt refused = rig.journal().attempt(lost.txHash()).orElseThrow();
            assertThat(refused.status()).isEqualTo(AttemptStatus.REJECTED);
            assertThat(refused.error()).contains("re-broadcast refused");
            rig.baseFee(FaultRig.GWEI);
            return blocks;
        });
    }

    /** A node that holds the broadcast's answer past the client's timeout (the transaction is in). */
    @Test
    void aBroadcastHangingPastTheTimeoutIsSettledByHash() throws Exception {
        rig.proxy.hangFor(Duration.ofSeconds(11));
        scenario("send_hangs_past_timeout", 2, (trial, random) -> {
            rig.proxy.set("eth_sendRawTransaction", Fault.HANG, 1.0);
            rig.startKeeper(journal("hang", trial), Duration.ofSeconds(5));
            rig.mineUntil(() -> !rig.attempts().isEmpty(), 10, "the keeper broadcast");
            rig.proxy.clear();
            // no blocks while the keeper hangs on its broadcast (10 s client timeout, ~one block of a real chain)
            long deadline = System.currentTimeMillis() + 15_000;
            while (rig.attempts().stream().anyMatch(a -> a.status() == AttemptStatus.INTENT)) {
                assertThat(System.currentTimeMillis()).as("the broadcast timed out").isLessThan(deadline);
                Thread.sleep(100);
            }
            return rig.recover(15);
        });
    }

    /** Bug 7: the nonce count moves before the node serves the receipt; the keeper's own rebalance is not "foreign". */
    @Test
    void aReceiptTrailingTheNonceIsNotCalledAForeignTransaction() throws Exception {
        scenario("receipt_trails_nonce", 3, (trial, random) -> {
            rig.proxy.set("eth_getTransactionReceipt", Fault.NULL_RESULT, 0.9);
            rig.startKeeper(journal("trail", trial), Duration.ofSeconds(5));
            rig.mineUntil(() -> !rig.attempts().isEmpty(), 10, "the keeper broadcast");
            rig.mine(2 + random.nextInt(3));
            rig.proxy.clear();
            int blocks = rig.recover(15);
            assertThat(rig.attempts()).noneMatch(a -> a.status() == AttemptStatus.DROPPED);
            return blocks;
        });
    }

    /** Every read and write fault at once for a few blocks, then a healthy node. */
    @Test
    void rpcChaosThenCalm() throws Exception {
        scenario("rpc_chaos", 3, (trial, random) -> {
            for (Fault f : List.of(Fault.DROP_CONNECTION, Fault.HTTP_500, Fault.HTTP_502, Fault.GARBAGE, Fault.TRUNCATED_JSON,
                    Fault.WRONG_ID, Fault.LAGGING_HEAD, Fault.NULL_RESULT)) {
                rig.proxy.set(f, 0.03);
            }
            rig.proxy.set("eth_sendRawTransaction", Fault.SEND_ANSWER_LOST, 0.3);
            rig.proxy.set("eth_sendRawTransaction", Fault.SEND_NOT_FORWARDED, 0.3);
            rig.startKeeper(journal("chaos", trial), Duration.ofSeconds(5));
            rig.mine(4 + random.nextInt(6));
            rig.proxy.clear();
            return rig.recover(25);
        });
    }

    /** Bug 1: the rebalance's block is reorganised away; the same signed transaction lands again, nothing above a gap. */
    @Test
    void aReorgOfTheRebalanceBlockIsSettledNotRepeated() throws Exception {
        scenario("reorg", 4, (trial, random) -> {
            rig.startKeeper(journal("reorg", trial), Duration.ofSeconds(5));
            rig.mineUntil(() -> rig.journaled(AttemptStatus.MINED), 10, "the rebalance mined");
            TxAttempt mined = rig.attempts().stream().filter(a -> a.status() == AttemptStatus.MINED).findFirst().orElseThrow();
            long minedIn = rig.journal().receipt(mined.txHash()).orElseThrow().blockNumber();
            Thread.sleep(random.nextInt(300));
            int depth = (int) (rig.head() - minedIn) + 1 + random.nextInt(2);
            rig.chain.rpc().reorg(depth);
            rig.mine(random.nextInt(3));
            // a real mempool re-adds the dropped transaction; Anvil forgets it, so it is sent again as the network would
            var resent = rig.chain.web3j().ethSendRawTransaction(mined.rawTx()).send();
            System.out.println("faults: reorg depth " + depth + ", dropped " + mined.txHash() + " re-sent: "
                    + (resent.hasError() ? resent.getError().getMessage() : "accepted"));
            int blocks = rig.recover(20);
            assertThat(rig.attempts().stream().filter(a -> a.status() == AttemptStatus.MINED).map(TxAttempt::txHash).toList())
                    .as("the same signed transaction, not a second decision").containsExactly(mined.txHash());
            return blocks;
        });
    }

    /** Bug 4: sent at ~1 gwei, then the base fee jumps to 45+ gwei: the replacement prices from it and lands in the spike. */
    @Test
    void aFeeSpikeIsMetByAReplacementPricedFromTheCurrentBaseFee() throws Exception {
        scenario("fee_spike", 3, (trial, random) -> {
            rig.chain.rpc().setAutomine(false);
            rig.startKeeper(journal("spike", trial), Duration.ofSeconds(1));
            awaitBroadcast();
            BigInteger spike = FaultRig.GWEI.multiply(BigInteger.valueOf(45 + random.nextInt(10)));
            rig.baseFee(spike);
            long spikeFrom = rig.head();
            rig.mineUntil(() -> rig.journaled(AttemptStatus.MINED), 12, "a replacement mined during the spike");
            TxAttempt mined = rig.attempts().stream().filter(a -> a.status() == AttemptStatus.MINED).findFirst().orElseThrow();
            long block = rig.journal().receipt(mined.txHash()).orElseThrow().blockNumber();
            BigInteger baseFee = rig.chain.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                    .send().getBlock().getBaseFeePerGas();
            assertThat(baseFee).as("mined while the spike lasted").isGreaterThanOrEqualTo(spike);
            assertThat(mined.replacesId()).as("the replacement, not the original").isNotNull();
            rig.baseFee(FaultRig.GWEI);
            return (int) (block - spikeFrom) + rig.recover(10);
        });
    }

    /** Someone else spends the keeper's nonce (same key elsewhere): named, dropped, and the vault still rebalances once. */
    @Test
    void anOutsideTransactionOnTheKeepersNonceIsDroppedWithItsReason() throws Exception {
        scenario("outside_tx_on_nonce", 2, (trial, random) -> {
            rig.chain.rpc().setAutomine(false);
            rig.startKeeper(journal("outside", trial), Duration.ofSeconds(30));
            TxAttempt ours = awaitBroadcast();
            RawTransaction outside = RawTransaction.createEtherTransaction(31337, BigInteger.valueOf(ours.nonce()),
                    BigInteger.valueOf(21_000), rig.keeperAddress(), BigInteger.ONE, FaultRig.GWEI.multiply(BigInteger.valueOf(30)),
                    FaultRig.GWEI.multiply(BigInteger.valueOf(60)));
            String raw = Numeric.toHexString(TransactionEncoder.signMessage(outside, 31337, rig.chain.account(1)));
            var sent = rig.chain.web3j().ethSendRawTransaction(raw).send();
            assertThat(sent.hasError()).as(sent.hasError() ? sent.getError().getMessage() : "").isFalse();
            rig.mine(1);
            int blocks = rig.recover(15);
            TxAttempt dropped = rig.journal().attempt(ours.txHash()).orElseThrow();
            assertThat(dropped.status()).isEqualTo(AttemptStatus.DROPPED);
            assertThat(dropped.error()).contains("nonce used by another transaction");
            return blocks;
        });
    }

    /**
     * kill -9 of a keeper process at a random moment (automine off, so the kill may land between signature, journal,
     * broadcast, receipt and journal), a few blocks while it is down, then a new process on the same journal.
     */
    @Test
    void aKeeperProcessKilledAtRandomMomentsRebalancesExactlyOnce() throws Exception {
        scenario("kill_9", 2, (trial, random) -> {
            rig.chain.rpc().setAutomine(false);
            Path journal = journal("kill", trial);
            Path log = dir.resolve("kill-" + trial + ".log");
            Process first = rig.startKeeperProcess(journal, log);
            try {
                awaitReady(log, 1);
                rig.mineUntil(() -> !rig.attempts().isEmpty(), 40, "the keeper process signed its rebalance");
                long killAt = System.currentTimeMillis() + random.nextInt(1_500);
                while (System.currentTimeMillis() < killAt) rig.mine(1);
            } finally {
                FaultRig.kill9(first);
            }
            System.out.println("faults: kill_9 trial " + trial + " killed with " + rig.attempts().stream()
                    .map(a -> a.status().name()).toList());
            rig.mine(random.nextInt(3)); // mined (or not) while no keeper runs
            Process second = rig.startKeeperProcess(journal, log);
            try {
                awaitReady(log, 2); // a JVM's start is not the keeper's recovery: count blocks from its first look
                return rig.recover(15);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nkeeper log:\n" + Files.readString(log), e);
            } finally {
                FaultRig.kill9(second);
            }
        });
    }

    /** Waits (mining nothing) until the keeper log says "ready" {@code times} times. */
    private static void awaitReady(Path log, int times) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.split("ready on chain", -1).length - 1 >= times) return;
            if (System.currentTimeMillis() > deadline) throw new AssertionError("keeper process not ready:\n" + text);
            Thread.sleep(100);
        }
    }

    /** Mines one block at a time until the keeper has an open attempt (automine is off, so it stays pending). */
    private static TxAttempt awaitBroadcast() throws Exception {
        for (int block = 0; block < 8; block++) {
            rig.mine(1);
            long deadline = System.currentTimeMillis() + 3_000;
            while (System.currentTimeMillis() < deadline) {
                List<TxAttempt> open = rig.openAttempts();
                if (!open.isEmpty() && open.getFirst().status() == AttemptStatus.SENT) return open.getFirst();
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the keeper never broadcast\n" + rig.describeJournal());
    }

    private Path journal(String name, int trial) {
        return dir.resolve(name + "-" + trial + ".db");
    }

    @FunctionalInterface
    interface Trial {
        /** Runs one trial from a drifted vault; returns the blocks from the fault clearing to recovery. */
        int run(int trial, Random random) throws Exception;
    }

    private static void scenario(String name, int defaultTrials, Trial body) throws Exception {
        int trials = Integer.getInteger("ballast.faultTrials", defaultTrials);
        List<Integer> recoveries = new ArrayList<>();
        int rebalances = 0;
        int duplicates = 0;
        for (int t = 0; t < trials; t++) {
            long seed = SEED * 1_000_003L + name.hashCode() * 31L + t;
            Random random = new Random(seed);
            rig.reseed(seed);
            rig.beginTrial();
            int blocks;
            try {
                blocks = body.run(t, random);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("scenario " + name + " trial " + t + " seed " + seed + ": " + e.getMessage()
                        + "\n" + rig.describeJournal(), e);
            }
            FaultRig.Verdict verdict = rig.verify();
            System.out.printf("faults: scenario=%s trial=%d seed=%d recovery_blocks=%d rebalances=%d injected=%s%n", name, t,
                    seed, blocks, verdict.rebalances(), rig.proxy.takeInjected());
            assertThat(verdict.problems()).as("scenario " + name + " trial " + t + " seed " + seed + "\n" + rig.describeJournal())
                    .isEmpty();
            assertThat(verdict.rebalances()).as("the drifted vault was rebalanced").isPositive();
            rebalances += verdict.rebalances();
            duplicates += verdict.duplicates();
            recoveries.add(blocks);
            rig.stopKeeper();
        }
        String figures = String.format("faults: scenario=%s trials=%d rebalances=%d duplicates=%d recovery_blocks_max=%d"
                + " recovery_blocks=%s seed=%d", name, trials, rebalances, duplicates,
                recoveries.stream().mapToInt(Integer::intValue).max().orElse(0), recoveries, SEED);
        // on a line of its own even if a keeper thread is still logging, and in a file the console cannot garble
        System.out.println(System.lineSeparator() + figures);
        Path file = Path.of("target", FIGURES);
        Files.createDirectories(file.getParent());
        Files.writeString(file, figures + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(duplicates).as("second rebalances for one decision").isZero();
    }
}
