package dev.ballast.cli;

import dev.ballast.config.ConfigException;
import dev.ballast.config.ConfigLoader;
import dev.ballast.config.KeeperConfig;
import dev.ballast.config.SignerException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ballast config check}: everything about a keeper config that can be known without a node. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Keeper configuration tools (they need no RPC node).",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Runnable {
    /** The file is valid and this machine can run it. */
    static final int VALID = 0;
    /** The file itself is invalid (every problem is listed, each naming its key). */
    static final int INVALID = 2;
    /** The file is valid but this environment cannot run it (a secret variable unset, a keystore unreadable, ...). */
    static final int ENVIRONMENT = 3;

    @Override
    public void run() {
        throw new UserInputException("config: name a subcommand (check)");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Validates a keeper config without contacting any node: every key and value (all problems at once,"
                    + " each naming its key), then what this machine must provide to run it: the signer's secret (the key is"
                    + " loaded and only its address printed), a writable journal folder, a free metrics port.",
                    "Exit codes: 0 valid and runnable here, 2 the file is invalid, 3 the file is valid but this environment"
                            + " cannot run it."})
    static final class Check implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, defaultValue = "keeper-config.yaml",
                description = "Keeper configuration file (default ${DEFAULT-VALUE}).")
        Path config;

        @Option(names = "--no-environment", description = "Check the file only (e.g. on a build machine that holds no keys).")
        boolean fileOnly;

        @Override
        public Integer call() {
            return check(config, fileOnly, System.out, System.err);
        }

        int check(Path file, boolean fileOnly, PrintStream out, PrintStream err) {
            if (!Files.isRegularFile(file)) {
                err.println("error: --config: no such file " + file);
                return INVALID;
            }
            KeeperConfig c;
            try {
                c = ConfigLoader.load(file, KeeperOptions.environment);
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return INVALID;
            }
            out.printf("%s: valid (chain %d, %d RPC endpoint(s), %d vault(s), journal %s)%n", file, c.chainId(),
                    c.rpc().endpoints().size(), c.vaults().size(), c.journalPath());
            if (fileOnly) return VALID;
            List<String> problems = environmentProblems(c, out);
            problems.forEach(p -> err.println("error: " + p));
            return problems.isEmpty() ? VALID : ENVIRONMENT;
        }

        private static List<String> environmentProblems(KeeperConfig c, PrintStream out) {
            List<String> problems = new ArrayList<>();
            try {
                out.println("signer: " + c.signer().loadCredentials(KeeperOptions.environment::get).getAddress());
            } catch (SignerException e) {
                problems.add("signer: " + e.getMessage());
            }
            // the loader has checked that the folder exists; whether this user may write there is the environment's part
            Path target = Files.exists(c.journalPath()) ? c.journalPath() : c.journalPath().toAbsolutePath().getParent();
            if (!Files.isWritable(target)) problems.add("journal.path: " + target + " is not writable by this user");
            if (c.monitoring().enabled()) {
                String where = c.monitoring().bind() + ":" + c.monitoring().port();
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.getByName(c.monitoring().bind()), c.monitoring().port()));
                    out.println("metrics: " + where + " is free");
                } catch (IOException e) {
                    problems.add("metrics.port: cannot listen on " + where + " (" + e.getMessage() + ")");
                }
            }
            return problems;
        }
    }
}
