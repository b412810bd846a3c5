package dev.ballast.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.journal.Journal;
import dev.ballast.journal.TxIntent;
import dev.ballast.journal.TxReceipt;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 §2: a proposal `approve` left SENT (its transaction not final yet) is settled from the journal's receipts. */
class SentSettlementTest {
    private static final String SENDER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    @TempDir
    Path dir;
    private ApprovalJournal approvals;
    private Journal journal;

    @BeforeEach
    void open() {
        Path file = dir.resolve("journal.db");
        approvals = ApprovalJournal.open(file);
        journal = Journal.open(file);
    }

    @AfterEach
    void close() {
        journal.close();
        approvals.close();
    }

    @Test
    void aSuccessfulReceiptExecutesARevertedOneFailsAndNoReceiptLeavesItSent() {
        long ok = sent(vault(1), decided(vault(1), 1, 1));
        long reverted = sent(vault(2), decided(vault(2), 2, 2));
        long pending = sent(vault(3), decided(vault(3), 3, 3));
        journal.recordReceipt(hash(1), new TxReceipt(100, hash(1001), true, BigInteger.valueOf(210_000)));
        journal.recordReceipt(hash(2), new TxReceipt(101, hash(1002), false, BigInteger.valueOf(50_000)));

        List<String> moved = SentSettlement.settle(approvals, journal);

        assertThat(moved).hasSize(2);
        Proposal executed = approvals.proposal(ok).orElseThrow();
        assertThat(executed.status()).isEqualTo(ProposalStatus.EXECUTED);
        assertThat(executed.statusReason()).isEqualTo("mined in block 100 (tx " + hash(1) + ")");
        Proposal failed = approvals.proposal(reverted).orElseThrow();
        assertThat(failed.status()).isEqualTo(ProposalStatus.FAILED);
        assertThat(failed.statusReason()).startsWith("reverted on chain in block 101");
        assertThat(approvals.proposal(pending).orElseThrow().status()).as("not final yet").isEqualTo(ProposalStatus.SENT);
        assertThat(SentSettlement.settle(approvals, journal)).as("settled once").isEmpty();

        journal.recordReceipt(hash(3), new TxReceipt(102, hash(1003), true, BigInteger.ONE));
        assertThat(SentSettlement.settle(approvals, journal)).singleElement().asString().contains("#" + pending)
                .contains("EXECUTED");
    }

    @Test
    void aMinedSpeedUpOfTheSameDecisionSettlesItButAnotherDecisionOnTheNonceDoesNot() {
        long d = decided(vault(1), 7, 1);
        long sped = sent(vault(1), d);
        journal.recordReplacement(hash(1), intent(d, vault(1), 7, 11));
        journal.recordReceipt(hash(11), new TxReceipt(200, hash(1011), true, BigInteger.ONE));

        // the proposal's transaction was dropped and its nonce later used by another decision's transaction
        long dropped = sent(vault(2), decided(vault(2), 8, 2));
        long other = journal.recordDecision(vault(4), 201, "{}", "REBALANCE", "drift");
        journal.recordIntent(intent(other, vault(4), 8, 12));
        journal.recordReceipt(hash(12), new TxReceipt(201, hash(1012), true, BigInteger.ONE));

        SentSettlement.settle(approvals, journal);

        Proposal p = approvals.proposal(sped).orElseThrow();
        assertThat(p.status()).isEqualTo(ProposalStatus.EXECUTED);
        assertThat(p.txHash()).as("the hash that was mined").isEqualTo(hash(11));
        assertThat(approvals.proposal(dropped).orElseThrow().status()).as("another decision's receipt is not its outcome")
                .isEqualTo(ProposalStatus.SENT);
    }

    /** A REBALANCE decision with a broadcast attempt {@code hash(seed)} at {@code nonce}; returns the decision id. */
    private long decided(String vault, long nonce, int seed) {
        long d = journal.recordDecision(vault, 100, "{}", "REBALANCE", "drift");
        journal.recordIntent(intent(d, vault, nonce, seed));
        journal.markSent(hash(seed));
        return d;
    }

    /** An approved proposal for {@code vault} whose transaction is the decision's first attempt, as approve leaves it. */
    private long sent(String vault, long decision) {
        long id = approvals.propose(new Proposal(0, vault, "v", 100, List.of(), "0x", List.of(), List.of(),
                BigInteger.valueOf(500_000), 1_000, Instant.now().plusSeconds(3600), Optional.empty(), ProposalStatus.OPEN,
                null, null, null, Instant.now()));
        String tx = journal.attemptsFromNonce(SENDER, 0).stream().filter(a -> Long.valueOf(decision).equals(a.decisionId()))
                .findFirst().orElseThrow().txHash();
        assertThat(approvals.transition(id, ProposalStatus.OPEN, ProposalStatus.SENT, "approved", "op", null)).isTrue();
        assertThat(approvals.transition(id, ProposalStatus.SENT, ProposalStatus.SENT, "sent, not final", "op", tx)).isTrue();
        return id;
    }

    private static TxIntent intent(long decision, String vault, long nonce, int seed) {
        return new TxIntent(decision, vault, SENDER, nonce, hash(seed), "0x02f8" + String.format("%04x", seed),
                BigInteger.TEN.pow(10), BigInteger.ONE);
    }

    private static String vault(int n) {
        return "0x" + String.format("%040x", n);
    }

    private static String hash(int seed) {
        return "0x" + String.format("%064x", seed);
    }
}
