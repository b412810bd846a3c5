package dev.ballast.journal;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link JournalTest}: journals a decision and an intent, then dies like kill -9
 * (Runtime.halt: no close, no shutdown hooks, no finalizers).
 */
public final class JournalCrashProbe {
    private JournalCrashProbe() {
    }

    public static void main(String[] args) {
        Journal journal = Journal.open(Path.of(args[0]));
        long decision = journal.recordDecision(JournalFixtures.VAULT, 100, "{\"block\":100}", "REBALANCE", "drift 7%");
        journal.recordIntent(JournalFixtures.intent(decision, JournalFixtures.VAULT, 5, 55, 30));
        Runtime.getRuntime().halt(137);
    }
}
