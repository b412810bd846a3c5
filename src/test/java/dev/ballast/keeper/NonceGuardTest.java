package dev.ballast.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.journal.Journal;
import dev.ballast.journal.TxIntent;
import dev.ballast.journal.TxReceipt;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The nonce a new transaction takes: the node's pending count, and nothing while the journal disagrees with it. */
@ExtendWith(AnvilExtension.class)
class NonceGuardTest {
    private static final String VAULT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private final AnvilChain chain;
    @TempDir
    Path dir;
    private Journal journal;
    private NonceGuard guard;
    private String sender;

    NonceGuardTest(AnvilChain chain) {
        this.chain = chain;
    }

    @BeforeEach
    void open() {
        journal = Journal.open(dir.resolve("j.db"));
        sender = chain.account(1).getAddress();
        guard = new NonceGuard(chain.web3j(), journal, sender);
    }

    @AfterEach
    void close() {
        journal.close();
    }

    @Test
    void aCleanJournalSignsAtTheNodesPendingCount() throws Exception {
        NonceGuard.Choice choice = guard.next();
        assertThat(choice.allowed()).isTrue();
        assertThat(choice.nonce()).isEqualTo(count());
    }

    @Test
    void anOpenAttemptTheNodeDoesNotHoldBlocksEverySignatureAboveIt() throws Exception {
        long n = count().longValueExact();
        journal.recordIntent(intent(n, 1));
        journal.markSent(hash(1)); // journaled as sent, but the node's pool lost it (a reorg dropped it, a restart)
        NonceGuard.Choice choice = guard.next();
        assertThat(choice.allowed()).as("signing at n + 1 would queue behind the gap forever").isFalse();
        assertThat(choice.refusal()).contains("nonce " + n).contains("pool does not hold it");

        journal.markDropped(hash(1), "nonce used by another transaction");
        assertThat(guard.next().nonce()).isEqualTo(BigInteger.valueOf(n));
    }

    @Test
    void aReceiptTheChainDoesNotHaveBlocksSigning() throws Exception {
        long n = count().longValueExact();
        journal.recordIntent(intent(n, 2));
        journal.recordReceipt(hash(2), new TxReceipt(9_999, hash(99), true, BigInteger.valueOf(21_000)));
        NonceGuard.Choice choice = guard.next();
        assertThat(choice.allowed()).isFalse();
        assertThat(choice.refusal()).contains("journal says nonce " + n + " was mined").contains("reorganised away");
    }

    private BigInteger count() throws Exception {
        return chain.web3j().ethGetTransactionCount(sender, DefaultBlockParameterName.PENDING).send().getTransactionCount();
    }

    private TxIntent intent(long nonce, int seed) {
        return new TxIntent(null, VAULT, sender, nonce, hash(seed), "0x02f8" + String.format("%04x", seed), BigInteger.TEN,
                BigInteger.ONE);
    }

    private static String hash(int seed) {
        return "0x" + String.format("%064x", seed);
    }
}
