package dev.ballast.cli;

import dev.ballast.config.ConfigException;
import dev.ballast.config.SignerException;
import dev.ballast.deploy.plan.DeployException;
import dev.ballast.deploy.plan.Deployer;
import dev.ballast.deploy.plan.DeploymentLoader;
import dev.ballast.deploy.plan.DeploymentSpec;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploys the contracts a deployment file describes (tokens or mocks, feeds, pools, routers, vaults,",
                "venue adapters over existing Uniswap V2/V3 and Balancer V2 pools), in dependency order, verifying the",
                "code at every address (an existing pool must answer like its kind), and writes the addresses to --out.",
                "Re-running with the same --out reuses what exists and deploys only what is missing; a changed",
                "description of a deployed item is reported, never silently redeployed. The vault's venue needs its",
                "timelock: on Anvil (31337) time is moved forward; elsewhere it is proposed and the ETA and the execute",
                "call are printed (a re-run after the ETA executes it).",
                "Exit codes: 0 done (or dry run), 1 failed on chain, 2 bad input, 3 done but some deployed item differs",
                "from the file."})
final class DeployCommand implements Callable<Integer> {
    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of the target chain.")
    String rpc;

    @Option(names = "--config", required = true, description = "Deployment file (see deployment.example.yaml).")
    Path config;

    @Option(names = "--out", defaultValue = "deployment.json",
            description = "Where addresses are recorded and read back on re-runs (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dry-run", description = "Print what would be deployed or reused and the gas cost; send nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Send without asking (otherwise the plan is printed and confirmed on the console).")
    boolean yes;

    @Option(names = "--confirmations", description = "Blocks to wait after each transaction (default: the file's, else 1).")
    Integer confirmations;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Supplier<Console> console;

    DeployCommand() {
        this(System.getenv(), System::console);
    }

    /** Tests give their own environment (the signer's key) and console. */
    DeployCommand(Map<String, String> env, Supplier<Console> console) {
        this.env = env;
        this.console = console;
    }

    @Override
    public Integer call() throws Exception {
        if (confirmations != null && (confirmations < 1 || confirmations > 64)) {
            throw new UserInputException("--confirmations must be in [1, 64], got " + confirmations);
        }
        DeploymentSpec deployment;
        Credentials signer;
        try {
            deployment = DeploymentLoader.load(config);
            signer = deployment.signer().loadCredentials(env::get);
        } catch (ConfigException | SignerException e) {
            throw new UserInputException(e.getMessage(), e);
        }
        PrintWriter printer = spec.commandLine().getOut();
        Deployer.Result result;
        try {
            result = Deployer.run(deployment, signer, new Deployer.Options(rpc, out, dryRun, confirmations), printer,
                    this::confirm);
        } catch (DeployException e) {
            throw new DeployException(e.getMessage() + (dryRun ? "" : " (what landed before is recorded in " + out
                    + "; fix the cause and re-run to continue)"), e);
        } finally {
            printer.flush();
        }
        return result.changed() > 0 ? 3 : 0;
    }

    private boolean confirm(String question) {
        if (yes) return true;
        Console c = console.get();
        if (c == null) {
            throw new UserInputException("no console to confirm on: pass --yes to send without asking, or --dry-run to"
                    + " only print the plan");
        }
        spec.commandLine().getOut().flush();
        String answer = c.readLine("%s [y/N] ", question);
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }
}
