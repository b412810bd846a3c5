package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.BatchCaller;
import dev.ballast.chain.Call3;
import dev.ballast.chain.CallResult;
import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.keeper.BatchCall;
import dev.ballast.keeper.Keeper;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Every vault of a fleet out of band in one block, rebalanced by batches (BatchRebalancer, one per pool) against the
 * real keeper's per-vault transactions on an identical fleet ({@link KeeperBenchmark}'s burst), side by side: blocks
 * until the last vault is rebalanced, head to last broadcast, how many vaults were refused, and gas per vault against a
 * lone rebalance (receipts' gasUsed).
 *
 * <p>The batched side: one read of every vault's own on-chain plan ({@code checkUpkeep}, through the batched eth_call
 * the keeper uses), its first leg routed through the batch contract (crossing venue; see
 * {@link BatchCall.Order#firstLegOnly}), chunks of {@code maxVaults}, each
 * simulated once by eth_call (its per-vault outcomes drop refused vaults before signing) and broadcast; Anvil mines
 * with its default 30M block gas limit, one block at a time once every batch is in the mempool, so "blocks" counts
 * what a mainnet-sized block holds.
 */
public final class BatchBenchmark {
    private static final long CHAIN_ID = AnvilOptions.DEFAULT_CHAIN_ID;
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** Gas limit per vault in a batch (a 4-asset vault's one-leg rebalance, its share of the clearing, 63/64 margin). */
    private static final long GAS_PER_VAULT = 700_000;
    private static final long BLOCK_GAS_LIMIT = 30_000_000;
    private static final int PLAN_CALLS_PER_READ = 100;
    private static final int MAX_BLOCKS = 200;

    /** @param maxVaults vaults per batch transaction */
    public record Options(int vaults, int pools, int maxVaults, Path journalDir, boolean baseline) {
        public Options {
            if (vaults < 2) throw new IllegalArgumentException("--vaults must be >= 2, got " + vaults);
            if (pools < 1) throw new IllegalArgumentException("--pools must be >= 1, got " + pools);
            if (maxVaults < 1) throw new IllegalArgumentException("--max-vaults must be >= 1, got " + maxVaults);
            if ((long) maxVaults * GAS_PER_VAULT > BLOCK_GAS_LIMIT) {
                throw new IllegalArgumentException("--max-vaults " + maxVaults + " cannot fit one 30M-gas block at "
                        + GAS_PER_VAULT + " gas a vault; at most " + BLOCK_GAS_LIMIT / GAS_PER_VAULT);
            }
        }
    }

    /**
     * The batched side's figures. {@code planned}: vaults whose own plan was due; {@code refusedSimulated}: dropped by
     * their batch's simulation; {@code refusedOnChain}: refused by their vault's guards in the mined batch.
     */
    public record Batched(int vaults, int planned, int batches, int blocks, double headToLastBroadcastMs, int rebalanced,
            int refusedSimulated, int refusedOnChain, long gasPerVault, long loneGas) {
        public double refusedFraction() {
            return planned == 0 ? 0 : (refusedSimulated + refusedOnChain) / (double) planned;
        }
    }

    public record Figures(Batched batched, Optional<KeeperBenchmark.Phase> baseline) {}

    private BatchBenchmark() {}

    public static Figures run(PrintStream out, Options options) throws Exception {
        Optional<KeeperBenchmark.Phase> baseline = Optional.empty();
        if (options.baseline()) {
            out.printf("baseline: the keeper today, one transaction per vault (ballast bench keeper's burst)%n");
            baseline = KeeperBenchmark.run(out, new KeeperBenchmark.Options(List.of(options.vaults()), 1, 1, options.pools(),
                    options.journalDir(), true)).getFirst().burst();
        }
        out.printf("%nbatched: %,d vaults over %d pool(s), batches of at most %d vaults%n", options.vaults(), options.pools(),
                options.maxVaults());
        Batched batched = measure(options);
        print(out, batched, baseline);
        return new Figures(batched, baseline);
    }

    private static Batched measure(Options options) throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults().withExtraArgs("--prune-history", "32",
                "--gas-limit", Long.toString(BLOCK_GAS_LIMIT)))) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            try {
                AnvilRpc rpc = new AnvilRpc(service);
                Credentials deployer = DevAccounts.get(0);
                Credentials keeper = DevAccounts.get(1);
                KeeperFleet fleet = KeeperFleet.deploy(web3j, rpc, DevGas.txManager(web3j, deployer, CHAIN_ID), deployer,
                        CHAIN_ID, keeper.getAddress(), options.vaults(), options.pools(), true);
                BatchCaller reads = new BatchCaller(new FailoverRpc(List.of(RpcEndpoint.http("anvil", anvil.rpcUrl())),
                        FailoverPolicy.defaults()), BLOCK_GAS_LIMIT);
                fleet.shock();
                List<RebalancingVault.Leg> lonePlan = plans(reads, fleet.blockNumber(), fleet.vaults().subList(0, 1))
                        .getFirst().orElseThrow(() -> new IllegalStateException("vault 0 is not due after the shock"));
                Round round = batchRound(web3j, rpc, reads, fleet, keeper, options.maxVaults());
                long lone = loneRebalance(web3j, fleet, keeper, lonePlan);
                return new Batched(options.vaults(), round.planned, round.batches, round.blocks, round.lastBroadcastMs,
                        round.rebalanced, round.refusedSimulated, round.refusedOnChain,
                        round.rebalanced == 0 ? 0 : round.gasUsed / round.rebalanced, lone);
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static final class Round {
        int planned;
        int batches;
        int blocks;
        double lastBroadcastMs;
        int rebalanced;
        int refusedSimulated;
        int refusedOnChain;
        long gasUsed;
    }

    /** From the head that made every vault due: plan, chunk, simulate, send; then mine until every batch is in. */
    private static Round batchRound(Web3j web3j, AnvilRpc rpc, BatchCaller reads, KeeperFleet fleet, Credentials keeper,
            int maxVaults) throws Exception {
        rpc.setAutomine(false);
        Round r = new Round();
        long head = fleet.blockNumber();
        Instant start = Instant.now();
        List<List<BatchCall.Order>> perStack = new ArrayList<>();
        for (int s = 0; s < fleet.pools(); s++) perStack.add(new ArrayList<>());
        List<Optional<List<RebalancingVault.Leg>>> plans = plans(reads, head, fleet.vaults());
        // vault 0 is kept out: it is the lone reference, rebalanced after the batches
        for (int v = 1; v < plans.size(); v++) {
            if (plans.get(v).isEmpty()) continue;
            int stack = fleet.vaults().get(v).stack();
            perStack.get(stack).add(new BatchCall.Order(fleet.vaults().get(v).address(), plans.get(v).get())
                    .firstLegOnly().through(fleet.batch(stack)));
            r.planned++;
        }
        BigInteger nonce = web3j.ethGetTransactionCount(keeper.getAddress(), DefaultBlockParameterName.PENDING).send()
                .getTransactionCount();
        List<String> hashes = new ArrayList<>();
        for (int s = 0; s < perStack.size(); s++) {
            for (List<BatchCall.Order> chunk : BatchCall.chunks(perStack.get(s), maxVaults)) {
                List<BatchCall.Order> kept = simulate(web3j, keeper, fleet.batch(s), chunk);
                r.refusedSimulated += chunk.size() - kept.size();
                if (kept.isEmpty()) continue;
                long gas = Math.min(BLOCK_GAS_LIMIT, 200_000 + GAS_PER_VAULT * kept.size());
                RawTransaction tx = RawTransaction.createTransaction(CHAIN_ID, nonce, BigInteger.valueOf(gas), fleet.batch(s),
                        BigInteger.ZERO, BatchCall.encode(kept), GWEI, GWEI.multiply(BigInteger.valueOf(100)));
                nonce = nonce.add(BigInteger.ONE);
                var sent = web3j.ethSendRawTransaction(Numeric.toHexString(TransactionEncoder.signMessage(tx, keeper))).send();
                if (sent.hasError()) throw new IllegalStateException("batch broadcast refused: " + sent.getError().getMessage());
                r.lastBroadcastMs = Duration.between(start, Instant.now()).toNanos() / 1e6;
                hashes.add(sent.getTransactionHash());
                r.batches++;
            }
        }
        List<TransactionReceipt> receipts = mineUntilIncluded(web3j, rpc, hashes, r);
        rpc.setAutomine(true);
        for (int i = 0; i < receipts.size(); i++) {
            TransactionReceipt receipt = receipts.get(i);
            r.gasUsed += receipt.getGasUsed().longValueExact();
            String batch = receipt.getTo();
            for (BatchCall.VaultResult result : BatchCall.results(receipt, batch)) {
                if (result.ok()) r.rebalanced++;
                else r.refusedOnChain++;
            }
        }
        return r;
    }

    private static List<TransactionReceipt> mineUntilIncluded(Web3j web3j, AnvilRpc rpc, List<String> hashes, Round r)
            throws Exception {
        List<TransactionReceipt> receipts = new ArrayList<>();
        List<String> waiting = new ArrayList<>(hashes);
        while (!waiting.isEmpty()) {
            if (r.blocks >= MAX_BLOCKS) throw new IllegalStateException(waiting.size() + " batch(es) not mined in " + MAX_BLOCKS + " blocks");
            rpc.mine(1);
            r.blocks++;
            for (var it = waiting.iterator(); it.hasNext(); ) {
                Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(it.next()).send().getTransactionReceipt();
                if (receipt.isPresent()) {
                    if (!receipt.get().isStatusOK()) throw new IllegalStateException("batch reverted: " + receipt.get().getTransactionHash());
                    receipts.add(receipt.get());
                    it.remove();
                }
            }
        }
        return receipts;
    }

    /** One eth_call of the whole chunk: the contract reports each vault's outcome, the refused ones are dropped. */
    private static List<BatchCall.Order> simulate(Web3j web3j, Credentials keeper, String batch, List<BatchCall.Order> chunk)
            throws Exception {
        var call = web3j.ethCall(Transaction.createFunctionCallTransaction(keeper.getAddress(), null, null,
                BigInteger.valueOf(BLOCK_GAS_LIMIT), batch, BatchCall.encode(chunk)), DefaultBlockParameterName.LATEST).send();
        if (call.hasError() || call.isReverted()) {
            throw new IllegalStateException("batch simulation reverted: " + (call.hasError() ? call.getError().getMessage() : call.getRevertReason()));
        }
        List<Boolean> ok = BatchCall.decodeOk(call.getValue());
        List<BatchCall.Order> kept = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) if (ok.get(i)) kept.add(chunk.get(i));
        return kept;
    }

    /** Every vault's own plan (checkUpkeep) at {@code block}, read in a few batched eth_calls; empty when not due. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Optional<List<RebalancingVault.Leg>>> plans(BatchCaller reads, long block, List<KeeperFleet.Vault> vaults) {
        byte[] data = Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(RebalancingVault.FUNC_CHECKUPKEEP,
                List.of(new DynamicBytes(new byte[0])), List.of())));
        List<Optional<List<RebalancingVault.Leg>>> plans = new ArrayList<>();
        for (int from = 0; from < vaults.size(); from += PLAN_CALLS_PER_READ) {
            List<Call3> calls = vaults.subList(from, Math.min(vaults.size(), from + PLAN_CALLS_PER_READ)).stream()
                    .map(v -> new Call3(v.address(), true, data)).toList();
            for (CallResult result : reads.call(block, calls)) {
                if (!result.success()) {
                    plans.add(Optional.empty());
                    continue;
                }
                List<Type> out = FunctionReturnDecoder.decode(Numeric.toHexString(result.returnData()),
                        (List) List.of(new TypeReference<Bool>() {}, new TypeReference<DynamicBytes>() {}));
                if (!((Bool) out.get(0)).getValue()) {
                    plans.add(Optional.empty());
                    continue;
                }
                byte[] legs = ((DynamicBytes) out.get(1)).getValue();
                List<Type> decoded = FunctionReturnDecoder.decode(Numeric.toHexString(legs),
                        (List) List.of(new TypeReference<DynamicArray<RebalancingVault.Leg>>() {}));
                plans.add(Optional.of(((DynamicArray<RebalancingVault.Leg>) decoded.getFirst()).getValue()));
            }
        }
        return plans;
    }

    /**
     * gasUsed of vault 0's plan (read at the batches' head) sent alone by the keeper once the batches are mined, the
     * reference a batch's gas per vault is held to: its first leg only, as in the batch, so both move the same trade.
     */
    private static long loneRebalance(Web3j web3j, KeeperFleet fleet, Credentials keeper, List<RebalancingVault.Leg> legs)
            throws Exception {
        RebalancingVault vault = RebalancingVault.load(fleet.vaults().getFirst().address(), web3j,
                DevGas.txManager(web3j, keeper, CHAIN_ID), DevGas.provider(CHAIN_ID));
        return vault.rebalance(legs.subList(0, 1)).send().getGasUsed().longValueExact();
    }

    private static void print(PrintStream out, Batched b, Optional<KeeperBenchmark.Phase> baseline) {
        out.printf("%nBatch rebalancing: %,d vaults out of band in one block%n", b.vaults());
        out.printf("  %-46s %16s %16s%n", "", "per-vault txs", "batched");
        String base = baseline.map(p -> String.format("%.0f ms", p.headToLastBroadcast().max())).orElse("-");
        out.printf("  %-46s %16s %16s%n", "head -> last broadcast", base, String.format("%.0f ms", b.headToLastBroadcastMs()));
        String refused = baseline.map(p -> {
            int n = p.outcomes().values().stream().mapToInt(Integer::intValue).sum();
            int r = p.outcomes().getOrDefault(Keeper.Outcome.Kind.REFUSED, 0);
            return String.format("%d/%d (%.0f%%)", r, n, 100.0 * r / Math.max(1, n));
        }).orElse("-");
        out.printf("  %-46s %16s %16s%n", "refused (pool moved by earlier trades, guards)", refused,
                String.format("%d/%d (%.0f%%)", b.refusedSimulated() + b.refusedOnChain(), b.planned(), 100 * b.refusedFraction()));
        out.printf("  %-46s %16s %16s%n", "rebalanced", baseline.map(p -> String.valueOf(
                p.outcomes().getOrDefault(Keeper.Outcome.Kind.REBALANCED, 0))).orElse("-"), String.valueOf(b.rebalanced()));
        out.printf("  %-46s %16s %16s%n", "blocks until the last rebalance (30M gas)", "-", String.valueOf(b.blocks()));
        out.printf("  %-46s %16s %16s%n", "transactions", baseline.map(p -> String.valueOf(p.broadcasts())).orElse("-"),
                String.valueOf(b.batches()));
        // one shock moves every vault the same way: these batches net nothing (the netted figure is forge's, below)
        out.printf("  %-46s %16s %16s%n", "gas per vault (receipts), one direction", String.format("%,d", b.loneGas()),
                String.format("%,d (%.0f%%)", b.gasPerVault(), 100.0 * b.gasPerVault() / Math.max(1, b.loneGas())));
        out.printf("  (vaults crossing opposite ways of a pair: contracts/snapshots/BatchGasTest.json, batch_40_vaults_netted)%n");
        out.printf("%nTargets: within 3 blocks: %s; last broadcast <= 2 s after the head: %s; gas per vault <= 60%% of a lone"
                + " rebalance: %s%n", b.blocks() <= 3 ? "met" : "NOT met (" + b.blocks() + " blocks)",
                b.headToLastBroadcastMs() <= 2000 ? "met" : "NOT met", 100 * b.gasPerVault() <= 60 * b.loneGas() ? "met" : "NOT met");
    }
}
