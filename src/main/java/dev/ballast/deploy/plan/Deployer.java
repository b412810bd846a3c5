package dev.ballast.deploy.plan;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * Runs a deployment: reads what already exists (record + chain), prints the plan with its gas cost, and (unless a dry
 * run, and once confirmed) sends what is missing in dependency order, recording each result as it lands.
 */
public final class Deployer {
    /** Asks the operator before sending; false aborts. */
    @FunctionalInterface
    public interface Confirmation {
        boolean confirm(String question);
    }

    /** {@code confirmations} null: the file's value. {@code out} null: nothing is recorded (and nothing reused). */
    public record Options(String rpcUrl, Path out, boolean dryRun, Integer confirmations) {}

    /** How the run ended: transactions sent, items whose description changed, timelocked steps still waiting. */
    public record Result(int sent, int changed, int waiting, boolean aborted, Map<String, String> vaults) {}

    private Deployer() {}

    public static Result run(DeploymentSpec spec, Credentials signer, Options options, PrintWriter out,
            Confirmation confirmation) throws IOException {
        int confirmations = options.confirmations() != null ? options.confirmations() : spec.confirmations();
        try (ChainClient chain = new ChainClient(options.rpcUrl(), signer, spec.chainId(), confirmations)) {
            long remote = chain.remoteChainId();
            if (remote != spec.chainId()) {
                throw new DeployException("the RPC endpoint serves chain " + remote + " but the deployment file says chainId "
                        + spec.chainId() + ": wrong --rpc or wrong file");
            }
            DeploymentRecord record = DeploymentRecord.open(options.out(), spec.chainId(), chain.from());
            Context c = new Context(chain, record, spec, out);
            List<Step> steps = Planner.plan(spec, chain.from());
            Map<Step, Step.Status> statuses = plan(c, steps, options.dryRun());
            int changed = count(statuses, Step.State.CHANGED);
            long missing = statuses.values().stream().filter(s -> s.state() == Step.State.MISSING).count();
            if (options.dryRun()) {
                out.println("dry run: nothing was sent");
                return new Result(0, changed, count(statuses, Step.State.WAITING), false, record.vaults());
            }
            if (missing > 0 && !confirmation.confirm("Send these transactions from " + chain.from() + " on chain "
                    + spec.chainId() + "?")) {
                out.println("aborted: nothing was sent");
                return new Result(0, changed, 0, true, record.vaults());
            }
            int waiting = execute(c, steps, statuses);
            out.println(chain.sent() == 0 ? "nothing to send: everything described is deployed"
                    : "sent " + chain.sent() + " transactions" + (options.out() == null ? "" : "; addresses in " + options.out()));
            record.vaults().forEach((name, address) -> out.println("vault " + name + ": " + address
                    + "   (keeper-config.yaml: vaults: - address: \"" + address + "\"  name: " + name + ")"));
            return new Result(chain.sent(), changed, waiting, false, record.vaults());
        }
    }

    private static Map<Step, Step.Status> plan(Context c, List<Step> steps, boolean dryRun) throws IOException {
        Map<Step, Step.Status> statuses = new HashMap<>();
        BigInteger gas = BigInteger.ZERO;
        int transactions = 0;
        boolean allEstimated = true;
        c.out.println("plan for chain " + c.spec.chainId() + ", deployer " + c.chain.from() + ":");
        for (Step step : steps) {
            Step.Status status = step.status(c);
            statuses.put(step, status);
            String line = switch (status.state()) {
                case DONE -> "  reuse    " + step.id + (status.note().isEmpty() ? "" : " " + status.note());
                case CHANGED -> "  CHANGED  " + step.id + " " + status.note() + " (not redeployed: remove its entry from the"
                        + " --out file to deploy a new one)";
                case WAITING -> "  waiting  " + step.id + ": " + status.note();
                case MISSING -> {
                    Step.Gas g = step.gas(c);
                    gas = gas.add(g.amount());
                    transactions += step.transactions();
                    allEstimated &= g.estimated();
                    yield "  send     " + step.describe() + "  [" + step.id + "; gas " + g.amount()
                            + (g.estimated() ? " estimated" : " typical") + "]" + (status.note().isEmpty() ? "" : " (" + status.note() + ")");
                }
            };
            c.out.println(line);
        }
        BigInteger price = c.chain.gasPrice();
        c.out.println("total: " + transactions + " transactions, about " + gas + " gas"
                + (allEstimated ? "" : " (eth_estimateGas where the inputs exist, typical per-kind figures elsewhere)")
                + " x " + gwei(price) + " gwei = about " + new BigDecimal(gas.multiply(price), 18).stripTrailingZeros().toPlainString()
                + " ETH at the current gas price");
        return statuses;
    }

    private static int execute(Context c, List<Step> steps, Map<Step, Step.Status> planned) throws IOException {
        int waiting = 0;
        for (Step step : steps) {
            Step.Status before = planned.get(step);
            if (before.state() == Step.State.DONE) {
                step.remember(c);
                continue;
            }
            if (before.state() != Step.State.MISSING) {
                if (before.state() == Step.State.WAITING) waiting++;
                continue;
            }
            Step.Status now = step.status(c);
            if (now.state() == Step.State.MISSING) {
                c.out.println("  sending  " + step.describe());
                step.run(c);
                now = step.status(c);
            }
            if (now.state() == Step.State.WAITING) waiting++;
        }
        return waiting;
    }

    private static int count(Map<Step, Step.Status> statuses, Step.State state) {
        return (int) statuses.values().stream().filter(s -> s.state() == state).count();
    }

    private static String gwei(BigInteger wei) {
        return new BigDecimal(wei, 9).stripTrailingZeros().toPlainString();
    }
}
