package dev.ballast.cli;

import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigLoader;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.SignerException;
import dev.ballast.config.VaultConfig;
import dev.ballast.keeper.Keeper;
import dev.ballast.keeper.KeeperRuntime;
import dev.ballast.policy.ValueUnits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Option;

/**
 * The option every keeper command shares (the config file), and the translation of a validated config into keeper
 * settings. The policy's own options are in {@link PolicyOptions}, mixed in only by the commands that run the policy.
 */
final class KeeperOptions {
    /** The process environment; tests substitute their own (a JVM cannot set its environment variables). */
    static Map<String, String> environment = System.getenv();

    @Option(names = {"-c", "--config"}, defaultValue = "keeper-config.yaml",
            description = "Keeper configuration file (default ${DEFAULT-VALUE}).")
    Path config;

    KeeperConfig load() {
        if (!Files.isRegularFile(config)) throw new UserInputException("--config: no such file " + config);
        try {
            return ConfigLoader.load(config, environment);
        } catch (ConfigException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }

    /** Settings for a command that does not run the policy (status, pause, unpause): its inputs keep their defaults. */
    KeeperRuntime.Settings settings(KeeperConfig c) {
        return settings(c, new PolicyOptions());
    }

    KeeperRuntime.Settings settings(KeeperConfig c, PolicyOptions policy) {
        Credentials signer;
        try {
            signer = c.signer().loadCredentials(environment::get);
        } catch (SignerException e) {
            throw new UserInputException("signer: " + e.getMessage(), e);
        }
        List<RpcEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < c.rpc().endpoints().size(); i++) {
            var e = c.rpc().endpoints().get(i);
            endpoints.add(new RpcEndpoint("rpc[" + i + "]", e.http(), e.ws()));
        }
        List<KeeperRuntime.VaultSpec> vaults = new ArrayList<>();
        for (VaultConfig v : c.vaults()) {
            vaults.add(new KeeperRuntime.VaultSpec(v.name(), v.address(), value(v.policy().minTradeValue()),
                    wad(policy.correctionBenefit), wad(v.policy().band()), value(v.policy().gasBudget())));
        }
        return new KeeperRuntime.Settings(c.chainId(), endpoints, c.rpc().privateSubmissionUrl().map(Object::toString),
                signer, vaults, c.gas().toGasPolicy(), c.confirmations(), c.pollInterval(), c.journalPath(),
                new Keeper.GasModel(400_000, 150_000, value(policy.nativePrice)), c.prices(), c.quietRetention(),
                c.sharedJournal(), c.routing(), c.batch(),
                VaultReaderOptions.forNode(c.rpc().callGasLimit(), c.rpc().maxReadCallsPerBlock()));
    }

    private static long value(BigDecimal amount) {
        return amount.movePointRight(ValueUnits.DECIMALS).longValue();
    }

    private static long wad(BigDecimal fraction) {
        return fraction.movePointRight(18).longValueExact();
    }
}
