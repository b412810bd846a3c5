package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.journal.JournalTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Three `ballast run` processes on one PostgreSQL journal and one Anvil fleet: ≥ 20 episodes that each push every vault
 * out of its band and SIGKILL a lease holder at a random moment, one that SIGSTOPs a holder for longer than its lease
 * then SIGCONTs it, one that cuts a keeper's database connection. Every vault is rebalanced exactly once per episode
 * (Rebalanced events counted on chain), and the victim's vaults are taken over within a bounded number of blocks.
 * The longer run (50 vaults, a 60 s freeze) is {@code scripts/ballast bench journal}.
 */
class SeveralKeepersFailoverTest {
    private static final Duration TTL = Duration.ofSeconds(2);
    private static final long BLOCK_MS = 500;
    private static final int VAULTS = 9;

    @Test
    void everyDecisionIsRebalancedExactlyOnceWhateverHappensToTheKeepers() throws Exception {
        int kills = Integer.getInteger("ballast.failover.kills", 20);
        ThrowawayPostgres pg = ThrowawayPostgres.shared();
        JournalTarget.Postgres journal = pg.newDatabase("failover");
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(report), true, StandardCharsets.UTF_8);
        FailoverBenchmark.Result r = FailoverBenchmark.run(out, new FailoverBenchmark.Options(3, VAULTS, 3, kills, TTL,
                TTL.plusSeconds(4), Duration.ofSeconds(6), 16, BLOCK_MS, Duration.ofSeconds(90)), journal, pg.port());
        String text = report.toString(StandardCharsets.UTF_8);

        assertThat(r.episodes()).as(text).hasSize(kills + 2);
        assertThat(r.episodes()).as(text).allSatisfy(e -> {
            assertThat(e.duplicates()).as("vaults rebalanced twice in episode " + e).isZero();
            assertThat(e.missing()).as("vaults not rebalanced in episode " + e).isZero();
        });
        assertThat(r.rebalancedEvents()).as(text).isEqualTo((long) (kills + 2) * VAULTS);
        assertThat(r.journalDecisionsMinedTwice()).as(text).isZero();
        assertThat(r.revertedAttempts()).as("a second send refused by the vault's guards would revert").isZero();
        assertThat(r.journalMinedDecisions()).as(text).isEqualTo(r.rebalancedEvents());
        // takeover: the lease must lapse (2 s = 4 blocks), then the next poll (1 s) decides and sends: ~6-15 blocks
        // here; a machine shared by many builds can stretch a keeper's tick by seconds, hence the bound of 30 s
        assertThat(r.takeovers()).as(text).isNotEmpty();
        assertThat(r.takeovers().getLast()).as(text).isLessThanOrEqualTo(30_000 / BLOCK_MS);
    }

    /** Prints to stdout as it goes (the run takes minutes) and keeps a copy for the assertion messages. */
    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;

        TeeStream(ByteArrayOutputStream copy) {
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            copy.write(b);
            System.out.write(b);
        }
    }
}
