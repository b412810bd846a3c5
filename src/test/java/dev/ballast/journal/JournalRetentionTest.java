package dev.ballast.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention of quiet decisions: old quiet ones go, a bounded batch at a time; everything that traded stays. */
class JournalRetentionTest {
    private static final String VAULT = "0x1111111111111111111111111111111111111111";
    private static final Set<String> QUIET = Set.of("NOT_DUE", "COOLDOWN", "BELOW_MIN_TRADE");
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test moves: decisions are recorded "at" chosen times. */
    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void oldQuietDecisionsAreDeletedAndEverythingThatTradedOrWasRefusedIsKept() {
        MovableClock clock = new MovableClock();
        try (Journal j = Journal.open(dir.resolve("j.db"), clock)) {
            List<Long> oldQuiet = new ArrayList<>();
            for (int i = 0; i < 10; i++) oldQuiet.add(j.recordDecision(VAULT, i, "{}", "NOT_DUE", "quiet " + i));
            long traded = j.recordDecision(VAULT, 10, "{}", "REBALANCE", "drift 9%");
            long attempt = j.recordIntent(new TxIntent(traded, VAULT, "0xkeeper", 0, hash(1), "0x02aa", BigInteger.TEN,
                    BigInteger.ONE));
            j.markSent(hash(1));
            j.recordReceipt(hash(1), new TxReceipt(11, hash(9), true, BigInteger.valueOf(600_000)));
            long refused = j.recordDecision(VAULT, 12, "{}", "REFUSED", "manipulation suspected");
            // a quiet kind that nevertheless has an attempt pointing at it is kept (never orphan an attempt)
            long pointedAt = j.recordDecision(VAULT, 13, "{}", "COOLDOWN", "odd but referenced");
            j.recordIntent(new TxIntent(pointedAt, VAULT, "0xkeeper", 1, hash(2), "0x02bb", BigInteger.TEN, BigInteger.ONE));
            clock.now = T0.plus(Duration.ofDays(8));
            long recentQuiet = j.recordDecision(VAULT, 99, "{}", "NOT_DUE", "recent");

            long cutoff = T0.plus(Duration.ofDays(1)).toEpochMilli();
            int deleted = 0;
            for (int call = 0; call < 10; call++) deleted += j.pruneQuietDecisions(QUIET, cutoff, 4);

            assertThat(deleted).isEqualTo(10);
            List<Long> left = j.recentDecisions(100).stream().map(Decision::id).toList();
            assertThat(left).doesNotContainAnyElementsOf(oldQuiet)
                    .containsExactlyInAnyOrder(traded, refused, pointedAt, recentQuiet);
            assertThat(j.lastRebalance(VAULT)).hasValueSatisfying(r -> {
                assertThat(r.decision().id()).isEqualTo(traded);
                assertThat(r.attempt().id()).isEqualTo(attempt);
            });
            assertThat(j.receipt(hash(1))).isPresent();
        }
    }

    @Test
    void eachCallLooksAtABoundedBatchAndDoesNotRevisitWhatItJudged() {
        MovableClock clock = new MovableClock();
        try (Journal j = Journal.open(dir.resolve("j.db"), clock)) {
            List<dev.ballast.journal.NewDecision> many = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) many.add(new NewDecision(VAULT, i, "{}", i % 100 == 0 ? "REBALANCE" : "NOT_DUE", "q"));
            j.recordDecisions(many);
            clock.now = T0.plus(Duration.ofDays(30));
            long cutoff = T0.plus(Duration.ofDays(1)).toEpochMilli();

            assertThat(j.pruneQuietDecisions(QUIET, cutoff, 100)).as("first batch of 100 ids").isEqualTo(99);
            assertThat(j.decisionCount()).isEqualTo(901);
            int calls = 1;
            while (j.pruneQuietDecisions(QUIET, cutoff, 100) > 0) calls++;
            assertThat(calls).as("ten batches of 100 rows cover 1,000 decisions").isEqualTo(10);
            assertThat(j.decisionCount()).as("the ten rebalance decisions").isEqualTo(10);
            assertThat(j.pruneQuietDecisions(QUIET, cutoff, 100)).as("nothing left to judge").isZero();
        }
    }

    @Test
    void theAttemptCheckIsAnsweredByAnIndexNotATableScan() throws Exception {
        try (Journal j = Journal.open(dir.resolve("j.db"))) {
            j.recordDecision(VAULT, 1, "{}", "NOT_DUE", "q");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("j.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN DELETE FROM decisions WHERE id > 0 AND id <= 10"
                        + " AND decision IN ('NOT_DUE') AND NOT EXISTS (SELECT 1 FROM tx_attempts a"
                        + " WHERE a.decision_id = decisions.id)")) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) plan.append(rs.getString("detail")).append('\n');
            assertThat(plan.toString()).contains("INTEGER PRIMARY KEY").contains("attempts_by_decision")
                    .doesNotContain("SCAN decisions").doesNotContain("SCAN a");
        }
    }

    private static String hash(int n) {
        return "0x" + String.format("%064x", n);
    }
}
