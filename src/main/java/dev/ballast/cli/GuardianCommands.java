package dev.ballast.cli;

import dev.ballast.config.KeeperConfig;
import dev.ballast.config.VaultConfig;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.tx.PreflightTransactionManager;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.gas.DefaultGasProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pause} / {@code unpause}: the guardian's manual override, sent with the configured signer. */
final class GuardianCommands {
    private GuardianCommands() {}

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Guardian: pauses a vault's deposits and rebalances (withdrawals keep working).")
    static final class Pause implements Callable<Integer> {
        @Mixin KeeperOptions options;
        @Parameters(paramLabel = "VAULT", description = "Vault name or address from the config.") String vault;
        @Option(names = "--yes", description = "Send without asking.") boolean yes;

        @Override
        public Integer call() throws Exception {
            return send(options, vault, yes, true);
        }
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Guardian: lifts a pause.")
    static final class Unpause implements Callable<Integer> {
        @Mixin KeeperOptions options;
        @Parameters(paramLabel = "VAULT", description = "Vault name or address from the config.") String vault;
        @Option(names = "--yes", description = "Send without asking.") boolean yes;

        @Override
        public Integer call() throws Exception {
            return send(options, vault, yes, false);
        }
    }

    private static int send(KeeperOptions options, String name, boolean yes, boolean pause) throws Exception {
        KeeperConfig config = options.load();
        VaultConfig vault = find(config, name);
        KeeperRuntime.Settings s = options.settings(config);
        String action = (pause ? "pause" : "unpause") + " vault " + vault.name() + " (" + vault.address() + ") as "
                + s.signer().getAddress();
        if (!Confirm.ask(action, yes)) return 1;
        Web3j web3j = Web3j.build(new HttpService(s.endpoints().getFirst().httpUrl().toString()));
        try {
            // simulated before signing: an account without the guardian role is refused naming NotGuardian, gas unspent
            RebalancingVault contract = RebalancingVault.load(vault.address(), web3j, new PreflightTransactionManager(web3j,
                    s.signer(), s.chainId(), s.chainId() == 31337 ? 50 : 1000), new DefaultGasProvider());
            TransactionReceipt receipt = (pause ? contract.pause() : contract.unpause()).send();
            System.out.println((pause ? "paused" : "unpaused") + " in block " + receipt.getBlockNumber() + " (" + receipt.getTransactionHash() + ")");
            return 0;
        } finally {
            web3j.shutdown();
        }
    }

    static VaultConfig find(KeeperConfig config, String name) {
        return config.vaults().stream()
                .filter(v -> v.name().equals(name) || v.address().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new UserInputException("VAULT: '" + name + "' is not a vault in the config (known: "
                        + config.vaults().stream().map(VaultConfig::name).toList() + ")"));
    }
}
