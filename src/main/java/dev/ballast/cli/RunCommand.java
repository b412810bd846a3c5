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
                "address without code. Stop with Ctrl-C; a restart reconciles pending transactions from the journal."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    KeeperOptions options;

    @picocli.CommandLine.Option(names = "--json", description = "Log JSON lines instead of text (also: log.format: json).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        dev.ballast.config.KeeperConfig config = options.load();
        if (json || config.logFormat() == dev.ballast.config.KeeperConfig.LogFormat.JSON) LogFormat.useJson();
        KeeperRuntime.Settings settings = options.settings(config);
        CountDownLatch stopped = new CountDownLatch(1);
        try (KeeperRuntime runtime = KeeperRuntime.create(settings, KeeperEvents.NONE)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                runtime.close();
                stopped.countDown();
            }, "keeper-stop"));
            runtime.start();
            stopped.await();
        }
        return 0;
    }
}
