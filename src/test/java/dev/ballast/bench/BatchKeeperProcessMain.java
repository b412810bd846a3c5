package dev.ballast.bench;

import dev.ballast.anvil.DevAccounts;
import dev.ballast.config.BatchConfig;
import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.nio.file.Path;
import java.util.List;

/**
 * A batching keeper in its own JVM, for the kill -9 test: the runtime {@code ballast run} builds with
 * {@code batch.enabled}, running until the process is killed. Arguments: RPC URL, journal path, batch contract,
 * vault addresses (comma-separated).
 */
public final class BatchKeeperProcessMain {
    private BatchKeeperProcessMain() {}

    public static void main(String[] args) throws Exception {
        KeeperRuntime runtime = KeeperRuntime.create(BatchKeeperBenchmark.settings(args[0], List.of(args[3].split(",")),
                Path.of(args[1]), DevAccounts.get(1), new BatchConfig(true, List.of(args[2]), 40)), KeeperEvents.NONE);
        runtime.start();
        Thread.currentThread().join(); // until SIGKILL
    }
}
