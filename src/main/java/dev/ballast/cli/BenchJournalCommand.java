package dev.ballast.cli;

import dev.ballast.bench.FailoverBenchmark;
import dev.ballast.bench.JournalLatencyBenchmark;
import dev.ballast.bench.ThrowawayPostgres;
import dev.ballast.journal.JournalTarget;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "journal", mixinStandardHelpOptions = true,
        description = {"Starts a throwaway PostgreSQL (Debian's server, as the postgres user when run as root) and prints"
                + " the journal's write latency p50/p99 on PostgreSQL and on SQLite side by side; then runs several"
                + " `ballast run` keepers on that journal and an Anvil fleet, kills/freezes/cuts them, and prints"
                + " Rebalanced events per vault and episode (each must be 1) and the failover in blocks from the fault"
                + " to the first rebalance of the victim's vault by another keeper. Exit code 1 if any vault was"
                + " rebalanced twice or not at all in an episode."})
final class BenchJournalCommand implements Callable<Integer> {
    @Option(names = "--writes", defaultValue = "500", description = "Rebalances journaled per engine (default ${DEFAULT-VALUE}).")
    int writes;

    @Option(names = "--keepers", defaultValue = "3", description = "Keeper processes (default ${DEFAULT-VALUE}).")
    int keepers;

    @Option(names = "--vaults", defaultValue = "50", description = "Vaults shared by the keepers (default ${DEFAULT-VALUE}).")
    int vaults;

    @Option(names = "--pools", defaultValue = "10", description = "Pools the vaults trade in (default ${DEFAULT-VALUE}).")
    int pools;

    @Option(names = "--kills", defaultValue = "20", description = "Episodes with a SIGKILL of a lease holder (default ${DEFAULT-VALUE}); 0 skips the failover run.")
    int kills;

    @Option(names = "--lease-ttl", defaultValue = "5s", description = "journal.leaseTtl of the keepers (default ${DEFAULT-VALUE}).")
    String leaseTtl;

    @Option(names = "--freeze", defaultValue = "60s", description = "SIGSTOP one lease holder this long, then SIGCONT (default ${DEFAULT-VALUE}; 0s skips).")
    String freeze;

    @Option(names = "--cut", defaultValue = "15s", description = "Cut one keeper's database connection this long (default ${DEFAULT-VALUE}; 0s skips).")
    String cut;

    @Option(names = "--seed", defaultValue = "16", description = "Random seed for the fault moments (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (writes < 1) throw new UserInputException("--writes must be >= 1");
        ThrowawayPostgres pg = ThrowawayPostgres.start(true);
        JournalLatencyBenchmark.run(System.out, writes,
                Files.createTempDirectory("ballast-bench-journal").resolve("journal.db"), pg.newDatabase("latency"));
        if (kills == 0 && duration("--freeze", freeze).isZero() && duration("--cut", cut).isZero()) return 0;
        JournalTarget.Postgres journal = pg.newDatabase("failover");
        Duration ttl = duration("--lease-ttl", leaseTtl);
        FailoverBenchmark.Result r = FailoverBenchmark.run(System.out, new FailoverBenchmark.Options(keepers, vaults,
                pools, kills, ttl, duration("--freeze", freeze), duration("--cut", cut), seed, 500,
                ttl.multipliedBy(6).plusSeconds(60)), journal, pg.port());
        boolean exact = r.episodes().stream().allMatch(e -> e.duplicates() == 0 && e.missing() == 0);
        return exact && r.journalDecisionsMinedTwice() == 0 && r.revertedAttempts() == 0 ? 0 : 1;
    }

    private static Duration duration(String option, String text) {
        if (!text.strip().matches("\\d+s")) throw new UserInputException(option + " must be whole seconds like 15s, got " + text);
        return Duration.ofSeconds(Long.parseLong(text.strip().replace("s", "")));
    }
}
