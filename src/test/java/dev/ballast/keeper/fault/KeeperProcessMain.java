package dev.ballast.keeper.fault;

import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A keeper in its own JVM, for the suite's kill -9 scenario: the runtime {@code ballast run} builds, configured like
 * {@link FaultRig#settings}, running until the process is killed. Arguments: RPC URL, vault address, journal path.
 */
public final class KeeperProcessMain {
    private KeeperProcessMain() {}

    public static void main(String[] args) throws Exception {
        KeeperRuntime runtime = KeeperRuntime.create(FaultRig.settings(args[0], args[1], Path.of(args[2]), Duration.ofSeconds(2)),
                KeeperEvents.NONE);
        runtime.start();
        Thread.currentThread().join(); // until SIGKILL
    }
}
