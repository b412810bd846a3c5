package dev.ballast.cli;

import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hold} / {@code release}: the operator's per-vault override of the keeper, journaled with who and why. Unlike
 * the guardian's pause it needs no role and no transaction, and stops only the keepers' decisions (every keeper on
 * the journal: a shared PostgreSQL journal carries the hold to all machines): deposits, withdrawals and a by-hand
 * `rebalance` or `approve` still work.
 */
final class HoldCommands {
    private HoldCommands() {}

    @Command(name = "hold", mixinStandardHelpOptions = true,
            description = {"Operator: stops the keeper deciding for a vault from its next block until `release` (journaled",
                    "with who and why). Exit codes: 0 held, 2 bad input."})
    static final class Hold implements Callable<Integer> {
        @Mixin KeeperOptions options;
        @Parameters(paramLabel = "VAULT", description = "Vault name or address from the config.") String vault;
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (journaled; required).")
        String reason;

        @Override
        public Integer call() {
            KeeperConfig config = options.load();
            VaultConfig v = GuardianCommands.find(config, vault);
            if (reason.isBlank()) throw new UserInputException("--reason: must say why the vault is held");
            try (OperatorDesk desk = OperatorDesk.open(config)) {
                desk.journal().hold(v.address(), desk.who(), reason.strip());
                System.out.println("vault " + v.name() + " (" + v.address() + ") is on hold, by " + desk.who() + ": "
                        + reason.strip() + "; every keeper on this journal decides nothing for it from its next block"
                        + " (release with `ballast release " + v.name() + "`)");
            }
            return 0;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = {"Operator: lifts a hold; the keeper decides for the vault again from its next block.",
                    "Exit codes: 0 released, 2 bad input (unknown vault, or not on hold)."})
    static final class Release implements Callable<Integer> {
        @Mixin KeeperOptions options;
        @Parameters(paramLabel = "VAULT", description = "Vault name or address from the config.") String vault;
        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "released",
                description = "Why (journaled; default ${DEFAULT-VALUE}).")
        String reason;

        @Override
        public Integer call() {
            KeeperConfig config = options.load();
            VaultConfig v = GuardianCommands.find(config, vault);
            try (OperatorDesk desk = OperatorDesk.open(config)) {
                if (!desk.journal().release(v.address(), desk.who(), reason.strip())) {
                    throw new UserInputException("VAULT: vault " + v.name() + " is not on hold");
                }
                System.out.println("vault " + v.name() + " released by " + desk.who() + "; the keeper decides for it again");
            }
            return 0;
        }
    }
}
