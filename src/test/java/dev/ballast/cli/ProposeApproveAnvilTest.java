package dev.ballast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.approval.ApprovalJournal;
import dev.ballast.approval.Proposal;
import dev.ballast.approval.ProposalStatus;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.DevStack;
import dev.ballast.journal.Journal;
import dev.ballast.keeper.Keeper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/** Issue 19 §2: a vault in mode: propose is proposed, listed, approved (re-checked, sent), rejected or left to expire. */
@ExtendWith(AnvilExtension.class)
class ProposeApproveAnvilTest {
    static final String KEY_ENV = "BALLAST_TEST_KEEPER_KEY";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private DevStack stack;
    private String keeper;

    ProposeApproveAnvilTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void deploy() throws Exception {
        stack = CliTestVault.deploy(chain);
        keeper = chain.account(1).getAddress();
        KeeperOptions.environment = Map.of(KEY_ENV,
                Numeric.toHexStringWithPrefixZeroPadded(chain.account(1).getEcKeyPair().getPrivateKey(), 64));
    }

    @AfterEach
    void restoreEnvironment() {
        KeeperOptions.environment = System.getenv();
    }

    private ApprovalScenario scenario(String approvals) throws Exception {
        return new ApprovalScenario(chain, stack, dir, KEY_ENV, "", approvals);
    }

    @Test
    void theKeeperProposesOnceSendsNothingAndApproveSendsItThroughThePipeline() throws Exception {
        ApprovalScenario s = scenario("");
        s.shockWeth();
        BigInteger nonce = s.nonce(keeper);
        Keeper.Outcome proposed = s.keeperBlock();
        assertThat(proposed.kind()).as(proposed.message()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        assertThat(proposed.message()).contains("proposed #1").contains("expect").contains("oracle").contains("gas")
                .contains("ballast approve 1");
        chain.rpc().mine(1);
        Keeper.Outcome again = s.keeperBlock();
        assertThat(again.kind()).as("one open proposal per vault: the newer decision is suppressed")
                .isEqualTo(Keeper.Outcome.Kind.WAITING);
        assertThat(again.message()).contains("proposal #1 awaits approval");
        assertThat(s.nonce(keeper)).as("propose mode sends nothing").isEqualTo(nonce);
        assertThat(s.rebalancedEvents()).isZero();

        CliRun table = CliRun.run("proposals", "-c", s.config.toString());
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains("ID").containsPattern("(?m)^1\\s+demo\\s+\\d+\\s+OPEN");
        CliRun json = CliRun.run("proposals", "--json", "-c", s.config.toString());
        JsonNode list = new ObjectMapper().readTree(json.out());
        assertThat(list).hasSize(1);
        JsonNode leg = list.get(0).get("legs").get(0);
        assertThat(new BigInteger(leg.get("expectedOut").asText())).isPositive();
        assertThat(new BigInteger(leg.get("oracleOut").asText())).isPositive();
        assertThat(new BigInteger(leg.get("expectedOut").asText()))
                .isGreaterThanOrEqualTo(new BigInteger(leg.get("minBuyAmount").asText()));

        CliRun approve = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approve.exit()).as(approve.out() + approve.err()).isZero();
        assertThat(approve.out()).contains("rebalanced").contains("approved proposal #1");
        assertThat(s.rebalancedEvents()).isEqualTo(1);
        try (ApprovalJournal aj = s.journal(); Journal journal = Journal.open(dir.resolve("journal.db"))) {
            Proposal p = aj.proposal(1).orElseThrow();
            assertThat(p.status()).isEqualTo(ProposalStatus.EXECUTED);
            assertThat(journal.attempt(p.txHash())).as("sent through the keeper's journaled pipeline").isPresent();
            assertThat(journal.receipt(p.txHash())).isPresent();
            // the state approve leaves when the transaction was not final yet when it returned
            assertThat(aj.transition(1, ProposalStatus.EXECUTED, ProposalStatus.SENT, "sent, not final", "op", null)).isTrue();
        }
        CliRun listed = CliRun.run("proposals", "-c", s.config.toString());
        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("proposal #1 (demo): EXECUTED, mined in block")
                .containsPattern("(?m)^1\\s+demo\\s+\\d+\\s+EXECUTED");
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.proposal(1).orElseThrow().status()).isEqualTo(ProposalStatus.EXECUTED);
        }
        CliRun twice = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(twice.exit()).isEqualTo(2);
        assertThat(twice.err()).contains("ID: proposal #1 is EXECUTED");
        assertThat(s.rebalancedEvents()).isEqualTo(1);
    }

    @Test
    void aRunningKeeperSettlesASentProposalItselfOnceItsReceiptIsJournaled() throws Exception {
        ApprovalScenario s = scenario("");
        s.shockWeth();
        assertThat(s.keeperBlock().kind()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        CliRun approve = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approve.exit()).as(approve.out() + approve.err()).isZero();
        try (ApprovalJournal aj = s.journal()) {
            // the state approve leaves when its transaction was not final yet when it returned
            assertThat(aj.transition(1, ProposalStatus.EXECUTED, ProposalStatus.SENT, "sent, not final", "op", null)).isTrue();
        }
        try (dev.ballast.keeper.KeeperRuntime running = s.keeper(); ApprovalJournal aj = s.journal()) {
            running.start(); // the real loop: head watcher, one tick per new block; nobody runs `ballast proposals`
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (aj.proposal(1).orElseThrow().status() == ProposalStatus.SENT && System.nanoTime() < deadline) {
                chain.rpc().mine(1);
                Thread.sleep(300);
            }
            Proposal p = aj.proposal(1).orElseThrow();
            assertThat(p.status()).as("settled by the running keeper").isEqualTo(ProposalStatus.EXECUTED);
            assertThat(p.statusBy()).isEqualTo("journal receipt");
            assertThat(p.statusReason()).startsWith("mined in block");
        }
    }

    @Test
    void anExpiredProposalIsNeverSent() throws Exception {
        ApprovalScenario s = scenario("approvals:\n  expiryBlocks: 2\n");
        s.shockWeth();
        assertThat(s.keeperBlock().kind()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        chain.rpc().mine(3);
        BigInteger nonce = s.nonce(keeper);
        CliRun approve = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approve.exit()).as(approve.out() + approve.err()).isEqualTo(2);
        assertThat(approve.err()).contains("ID: proposal #1 expired at block").contains("never sent");
        assertThat(s.nonce(keeper)).as("nothing signed").isEqualTo(nonce);
        assertThat(s.rebalancedEvents()).isZero();
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.proposal(1).orElseThrow().status()).isEqualTo(ProposalStatus.EXPIRED);
        }
        // the keeper proposes afresh: the vault is still out of its band
        Keeper.Outcome next = s.keeperBlock();
        assertThat(next.kind()).as(next.message()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        assertThat(next.message()).contains("proposed #2");
    }

    @Test
    void aRejectedOrUnknownProposalIsRefusedNamingTheId() throws Exception {
        ApprovalScenario s = scenario("");
        s.shockWeth();
        assertThat(s.keeperBlock().kind()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        CliRun reject = CliRun.run("reject", "1", "--reason", "stale-prices", "-c", s.config.toString());
        assertThat(reject.exit()).as(reject.err()).isZero();
        try (ApprovalJournal aj = s.journal()) {
            Proposal p = aj.proposal(1).orElseThrow();
            assertThat(p.status()).isEqualTo(ProposalStatus.REJECTED);
            assertThat(p.statusReason()).isEqualTo("stale-prices");
            assertThat(p.statusBy()).contains(org.web3j.crypto.Keys.toChecksumAddress(keeper));
        }
        CliRun approve = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approve.exit()).isEqualTo(2);
        assertThat(approve.err()).contains("ID: proposal #1 is REJECTED (stale-prices), not OPEN");
        CliRun unknown = CliRun.run("approve", "99", "-c", s.config.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("ID: there is no proposal #99");
        assertThat(CliRun.run("reject", "99", "-c", s.config.toString()).exit()).isEqualTo(2);
        assertThat(s.rebalancedEvents()).isZero();
    }

    @Test
    void approveRefusesWhenTheExpectedOutputWorsenedBeyondTheTolerance() throws Exception {
        ApprovalScenario s = scenario("approvals:\n  tolerance: 0.0001\n");
        s.shockWeth();
        assertThat(s.keeperBlock().kind()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        // someone sells WETH into the pool first: the proposal's WETH -> USDC leg now gets less USDC
        stack.weightedPool().swapExactIn(stack.asset(1), stack.asset(0), new BigInteger("2000000000000000000"),
                BigInteger.ZERO, chain.account(0).getAddress(), DevPool.FAR_FUTURE).send();
        BigInteger nonce = s.nonce(keeper);
        CliRun approve = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approve.exit()).as(approve.out() + approve.err()).isEqualTo(1);
        assertThat(approve.out()).contains("refused").contains("worse than the proposed").contains("approvals.tolerance");
        assertThat(s.nonce(keeper)).isEqualTo(nonce);
        assertThat(s.rebalancedEvents()).isZero();
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.proposal(1).orElseThrow().status()).as("still open: it may be approved later").isEqualTo(ProposalStatus.OPEN);
        }
    }

    @Test
    void holdAndReleaseAreJournaledWithWhoAndWhy() throws Exception {
        ApprovalScenario s = scenario("");
        CliRun noReason = CliRun.run("hold", "demo", "-c", s.config.toString());
        assertThat(noReason.exit()).isEqualTo(2);
        assertThat(noReason.err()).contains("--reason");
        CliRun hold = CliRun.run("hold", "demo", "--reason", "token-migration", "-c", s.config.toString());
        assertThat(hold.exit()).as(hold.err()).isZero();
        s.shockWeth();
        Keeper.Outcome held = s.keeperBlock();
        assertThat(held.kind()).isEqualTo(Keeper.Outcome.Kind.SKIPPED);
        assertThat(held.message()).contains("on hold").contains("token-migration");
        String who = org.web3j.crypto.Keys.toChecksumAddress(keeper);
        CliRun status = CliRun.run("status", "-c", s.config.toString());
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).containsPattern("on hold since \\d{4}-\\d\\d-\\d\\dT\\S+ by " + who + "[^\\n]*: token-migration")
                .doesNotContain("open proposal");
        CliRun plan = CliRun.run("plan", "-c", s.config.toString());
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(plan.out()).as("held, not decided").contains("): held — on hold (held by " + who)
                .contains("token-migration").doesNotContain("rebalance —");
        CliRun release = CliRun.run("release", "demo", "-c", s.config.toString());
        assertThat(release.exit()).as(release.err()).isZero();
        assertThat(CliRun.run("release", "demo", "-c", s.config.toString()).exit()).as("not on hold any more").isEqualTo(2);
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.holdHistory(stack.vault().getContractAddress())).hasSize(2)
                    .first().asString().startsWith("HOLD by " + who).endsWith("token-migration");
            assertThat(aj.holds()).isEmpty();
        }
        assertThat(s.keeperBlock().kind()).as("released: decided again").isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        CliRun released = CliRun.run("status", "-c", s.config.toString());
        assertThat(released.exit()).as(released.err()).isZero();
        assertThat(released.out()).doesNotContain("on hold")
                .containsPattern("open proposal #1 \\(expires block \\d+ / \\d{4}-\\d\\d-\\d\\dT\\S+\\)");
    }

    @Test
    void approveSendsNothingOnceTheDriftIsBackInsideTheBand() throws Exception {
        ApprovalScenario s = scenario("");
        s.shockWeth();
        assertThat(s.keeperBlock().kind()).isEqualTo(Keeper.Outcome.Kind.PROPOSED);
        // WETH returns to 3000 in the feed and the pool: the vault is back at its targets
        stack.setFeedPrice(1, new java.math.BigDecimal("3000"));
        dev.ballast.deploy.Arbitrageur arb = new dev.ballast.deploy.Arbitrageur(stack.pool(), chain.account(0).getAddress());
        for (int i = 0; i < 6 && !arb.trade(java.util.List.of(java.math.BigDecimal.ONE, new java.math.BigDecimal("3000"))).isEmpty(); i++) {
            // to the feed
        }
        chain.rpc().increaseTime(DevStack.TWAP_WINDOW + 60);
        chain.rpc().mine(1);
        BigInteger nonce = s.nonce(keeper);
        CliRun approve = CliRun.run("approve", "1", "-c", s.config.toString());
        assertThat(approve.exit()).as(approve.out() + approve.err()).isEqualTo(1);
        assertThat(approve.out()).contains("skipped");
        assertThat(s.nonce(keeper)).isEqualTo(nonce);
        assertThat(s.rebalancedEvents()).isZero();
        try (ApprovalJournal aj = s.journal()) {
            assertThat(aj.proposal(1).orElseThrow().status()).isEqualTo(ProposalStatus.OPEN);
        }
    }
}
