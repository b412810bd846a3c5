package dev.ballast.journal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long the journal's durable writes take (each is a synchronous=FULL commit, i.e. an fsync), since
 * the intent write sits between signing and broadcasting every transaction. Not a test; run with
 * {@code java -cp <test classpath> dev.ballast.journal.JournalBench [rounds]}.
 */
public final class JournalBench {
    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        Path dir = Files.createTempDirectory("journal-bench");
        try (Journal journal = Journal.open(dir.resolve("bench.db"))) {
            run(journal, 50); // warm-up: JIT, page cache
            long start = System.nanoTime();
            run(journal, rounds);
            double seconds = (System.nanoTime() - start) / 1e9;
            int writes = rounds * 4;
            System.out.printf("%d rebalance cycles (decision + intent + sent + receipt = %d commits) in %.2f s:"
                    + " %.2f ms per commit, %.0f commits/s%n", rounds, writes, seconds, seconds * 1000 / writes,
                    writes / seconds);
            start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                journal.pendingNonces();
                journal.lastRebalance(JournalFixtures.VAULT);
            }
            System.out.printf("pendingNonces + lastRebalance over %d rows: %.3f ms per pair%n", rounds + 50,
                    (System.nanoTime() - start) / 1e6 / 1000);
        }
    }

    private static int next = 1;

    private static void run(Journal journal, int rounds) {
        for (int i = 0; i < rounds; i++) {
            int n = next++;
            long d = journal.recordDecision(JournalFixtures.VAULT, n, "{\"block\":" + n + "}", "REBALANCE", "drift");
            journal.recordIntent(JournalFixtures.intent(d, JournalFixtures.VAULT, n, n, 30));
            journal.markSent(JournalFixtures.hash(n));
            journal.recordReceipt(JournalFixtures.hash(n), JournalFixtures.receipt(n, true));
        }
    }
}
