package dev.ballast.cli;

import dev.ballast.keeper.KeeperEvents;
import dev.ballast.keeper.KeeperRuntime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the keeper: follows new blocks, rebalances the configured vaults inside their guards.",
                "Validates the whole config first and exits 2 naming every bad key; refuses a wrong chain id or a vault",
                "address without code. Stop with Ctrl-C or SIGTERM: the block in hand may finish (up to 10 s), everything signed",
                "is already journaled, exit status 0; a restart reconciles pending transactions from the journal."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @Mixin
    PolicyOptions policy;

    @picocli.CommandLine.Option(names = "--json", description = "Log JSON lines instead of text (also: log.format: json).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        dev.ballast.config.KeeperConfig config = options.load();
        if (json || config.logFormat() == dev.ballast.config.KeeperConfig.LogFormat.JSON) LogFormat.useJson();
        KeeperRuntime.Settings settings = options.settings(config, policy);
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown); // a stop during start-up is honoured once the keeper is built
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, KeeperEvents.NONE)) {
            runtime.start();
            stopRequested.await();
            runtime.stop(KeeperRuntime.STOP_GRACE);
        }
        return 0;
    }
}
