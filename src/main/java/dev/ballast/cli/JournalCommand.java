package dev.ballast.cli;

import dev.ballast.config.KeeperConfig;
import dev.ballast.journal.Decision;
import dev.ballast.journal.Journal;
import dev.ballast.journal.TxAttempt;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Prints the keeper's recent decisions and any pending transactions from its journal.")
final class JournalCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Option(names = {"-n", "--last"}, defaultValue = "20", description = "How many decisions (default ${DEFAULT-VALUE}).")
    int last;

    @Override
    public Integer call() {
        KeeperConfig config = options.load();
        try (Journal journal = config.sharedJournal().map(j -> Journal.open(j.target(), Clock.systemUTC()))
                .orElseGet(() -> Journal.open(config.journalPath()))) {
            for (Decision d : journal.recentDecisions(last)) {
                System.out.printf("%s block %d %s %s: %s%n", d.recordedAt(), d.blockNumber(), d.vault(), d.decision(), d.reason());
            }
            for (TxAttempt a : journal.pendingTransactions()) {
                System.out.printf("pending: vault %s nonce %d tx %s (%s)%n", a.vault(), a.nonce(), a.txHash(), a.status());
            }
        }
        return 0;
    }
}
