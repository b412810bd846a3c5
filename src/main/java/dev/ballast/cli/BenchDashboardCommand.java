package dev.ballast.cli;

import dev.ballast.bench.DashboardBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"The dashboard's server side with a synthetic journal: history load, and the time and size of"
                + " the page, /api/overview (every vault) and /api/vault (one vault's charts)."})
final class BenchDashboardCommand implements Callable<Integer> {
    @Option(names = "--vaults", defaultValue = "1000", description = "Vaults (default ${DEFAULT-VALUE}).")
    int vaults;

    @Option(names = "--days", defaultValue = "90", description = "Days of journal (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--step-hours", defaultValue = "6",
            description = "Hours between two decisions of a vault (default ${DEFAULT-VALUE}).")
    int stepHours;

    @Override
    public Integer call() throws Exception {
        if (vaults < 1 || days < 1 || stepHours < 1) throw new UserInputException("--vaults, --days, --step-hours: >= 1");
        Path dir = Files.createTempDirectory("ballast-dashboard-bench");
        try {
            DashboardBenchmark.run(System.out, vaults, days, stepHours, dir);
        } finally {
            try (var files = Files.walk(dir)) { // the journal and its WAL files
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        return 0;
    }
}
