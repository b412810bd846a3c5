package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevPool;
import dev.ballast.deploy.DevPool.DevToken;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.contracts.RebalancingVault;
import java.math.BigDecimal;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * gasUsed of real transactions (21,000 base + calldata + execution) on a fresh local Anvil: the figures the issues set
 * targets for. Each swap is from an EOA that approved the pool (max allowance) and already holds both tokens, into a
 * pool holding both: all balances warm, as in steady-state trading.
 */
public final class GasBenchmark {
    private static final BigInteger E16 = BigInteger.TEN.pow(16);
    private static final BigInteger FEE = BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(3));

    private final Web3j web3j;
    private final AnvilRpc rpc;
    private final TransactionManager tm;
    private final ContractGasProvider gas = DevGas.provider(AnvilOptions.DEFAULT_CHAIN_ID);
    private final String me;
    private final Map<String, BigInteger> results = new LinkedHashMap<>();

    private GasBenchmark(String rpcUrl) {
        HttpService service = new HttpService(rpcUrl);
        this.web3j = Web3j.build(service);
        this.rpc = new AnvilRpc(service);
        Credentials account = DevAccounts.get(0);
        this.tm = DevGas.txManager(web3j, account, AnvilOptions.DEFAULT_CHAIN_ID);
        this.me = account.getAddress();
    }

    /** Starts its own Anvil, measures, prints a table, stops Anvil. */
    public static Map<String, BigInteger> run(PrintStream out) throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            GasBenchmark bench = new GasBenchmark(anvil.rpcUrl());
            try {
                bench.measurePools();
                bench.measureVault();
            } finally {
                bench.web3j.shutdown();
            }
            bench.print(out);
            return bench.results;
        }
    }

    private void measurePools() throws Exception {
        DevPool two = DevPool.deploy(web3j, tm, gas, me, tokens(2), FEE, 1000);
        warmUp(two);
        nextBlockLater();
        results.put("pool2.swapExactIn (first in block: oracle write)", swapIn(two, 0, 1));
        results.put("pool2.swapExactIn (same block: no oracle write)", secondInSameBlock(two));
        nextBlockLater();
        results.put("pool2.swapExactOut (first in block)", swapOut(two));
        nextBlockLater();
        results.put("pool2.joinPool (proportional)", record(two.pool().joinPool(BigInteger.TEN.pow(18), maxAll(2), me, DevPool.FAR_FUTURE).send()));
        results.put("pool2.exitPool (proportional)", record(two.pool().exitPool(BigInteger.TEN.pow(18), zeros(2), me, DevPool.FAR_FUTURE).send()));

        DevPool eight = DevPool.deploy(web3j, tm, gas, me, tokens(8), FEE, 1000);
        warmUp(eight);
        nextBlockLater();
        results.put("pool8.swapExactIn (first in block: oracle write)", swapIn(eight, 0, 7));
        results.put("pool8.swapExactIn (same block: no oracle write)", secondInSameBlock(eight));
    }

    /**
     * A 4-asset vault over the pool, two oracle sources per asset (Chainlink-style feed and pool TWAP): a second
     * deposit, a withdrawal, and a one-leg rebalance after a feed and pool move (as the keeper would send it).
     */
    private void measureVault() throws Exception {
        BigInteger quarter = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
        List<DevStack.DevAsset> assets = List.of(
                new DevStack.DevAsset("USDC", 6, new BigDecimal("1"), quarter, quarter),
                new DevStack.DevAsset("WETH", 18, new BigDecimal("3000"), quarter, quarter),
                new DevStack.DevAsset("WBTC", 8, new BigDecimal("60000"), quarter, quarter),
                new DevStack.DevAsset("LINK", 18, new BigDecimal("15"), quarter, quarter));
        DevStack stack = DevStack.deploy(web3j, rpc, tm, gas, me, me, assets, DevStack.defaultParams(new BigDecimal("0.05")),
                new BigDecimal("20000000"), new BigDecimal("200000"));
        results.put("vault4.deposit (proportional, existing holder)", record(stack.depositUsd(me, new BigDecimal("10000"))));
        BigInteger shares = stack.vault().balanceOf(me).send().divide(BigInteger.valueOf(20));
        results.put("vault4.withdraw (in kind)", record(stack.vault().withdraw(shares, zeros(4), me).send()));
        List<BigDecimal> prices = List.of(BigDecimal.ONE, new BigDecimal("4800"), new BigDecimal("60000"), new BigDecimal("15"));
        stack.setFeedPrice(1, prices.get(1));
        Arbitrageur arb = new Arbitrageur(stack.pool(), me);
        for (int i = 0; i < 6 && !arb.trade(prices).isEmpty(); i++) { /* move the pool to the feeds */ }
        rpc.increaseTime(DevStack.TWAP_WINDOW + 60);
        rpc.mine(1);
        RebalancingVault.Leg leg = new RebalancingVault.Leg(stack.venue().getContractAddress(), stack.asset(1), stack.asset(0),
                BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(3)));
        results.put("vault4.rebalance (1 leg via pool, 2 sources/asset)", record(stack.vault().rebalance(List.of(leg)).send()));
        measureThreeLegs(stack, arb, prices);
    }

    /**
     * WETH up another 50% makes it the one overweight asset, $33k over; the vault's own planner (checkUpkeep) sells it
     * into the three others: three legs, as a keeper would send them. The same three swaps sent straight to the pool
     * (under an evm_snapshot that is then reverted) give the direct cost the vault's overhead is measured against.
     */
    private void measureThreeLegs(DevStack stack, Arbitrageur arb, List<BigDecimal> prices) throws Exception {
        List<BigDecimal> moved = new ArrayList<>(prices);
        moved.set(1, prices.get(1).multiply(new BigDecimal("1.5")));
        stack.setFeedPrice(1, moved.get(1));
        for (int i = 0; i < 6 && !arb.trade(moved).isEmpty(); i++) { /* move the pool to the feeds */ }
        rpc.increaseTime(DevStack.TWAP_WINDOW + 60);
        rpc.mine(1);
        byte[] plan = stack.vault().checkUpkeep(new byte[0]).send().component2();
        List<RebalancingVault.Leg> legs = decodeLegs(plan);
        if (legs.size() != 3) throw new IllegalStateException("expected a 3-leg plan, got " + legs.size());
        String snapshot = rpc.snapshot();
        BigInteger direct = BigInteger.ZERO;
        for (RebalancingVault.Leg l : legs) {
            direct = direct.add(record(stack.weightedPool().swapExactIn(l.tokenIn, l.tokenOut, l.amountIn, BigInteger.ONE, me,
                    DevPool.FAR_FUTURE).send()));
        }
        rpc.revert(snapshot);
        results.put("pool4.swapExactIn x3 (the 3 legs sent directly, sum)", direct);
        results.put("vault4.rebalance (3 legs via pool, 2 sources/asset)", record(stack.vault().rebalance(legs).send()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<RebalancingVault.Leg> decodeLegs(byte[] performData) {
        List<Type> decoded = FunctionReturnDecoder.decode(Numeric.toHexString(performData),
                List.of((TypeReference) new TypeReference<DynamicArray<RebalancingVault.Leg>>() {}));
        return ((DynamicArray<RebalancingVault.Leg>) decoded.get(0)).getValue();
    }

    /**
     * The pool writes its oracle once per block timestamp; automined blocks in the same second share one, so each
     * "first in block" measurement moves the clock a block time ahead.
     */
    private void nextBlockLater() {
        rpc.increaseTime(12);
    }

    /** A first swap each way so every balance involved is nonzero and the oracle has its first observation. */
    private void warmUp(DevPool dev) throws Exception {
        swapIn(dev, 0, 1);
        swapIn(dev, 1, 0);
        int last = dev.tokens().size() - 1;
        if (last > 1) {
            swapIn(dev, 0, last);
            swapIn(dev, last, 0);
        }
    }

    private BigInteger swapIn(DevPool dev, int in, int out) throws Exception {
        BigInteger amount = BigInteger.TEN.pow(dev.specs().get(in).decimals());
        return record(dev.pool().swapExactIn(dev.address(in), dev.address(out), amount, BigInteger.ONE, me,
                DevPool.FAR_FUTURE).send());
    }

    private BigInteger swapOut(DevPool dev) throws Exception {
        BigInteger amount = BigInteger.TEN.pow(dev.specs().get(1).decimals());
        return record(dev.pool().swapExactOut(dev.address(0), dev.address(1), amount, BigInteger.TWO.pow(200), me,
                DevPool.FAR_FUTURE).send());
    }

    /** Two swaps mined in one block; the second's gas is the swap without the per-block oracle write. */
    private BigInteger secondInSameBlock(DevPool dev) throws Exception {
        int last = dev.tokens().size() - 1;
        BigInteger amount = BigInteger.TEN.pow(dev.specs().get(0).decimals());
        nextBlockLater();
        rpc.setAutomine(false);
        try {
            var first = dev.pool().swapExactIn(dev.address(0), dev.address(last), amount, BigInteger.ONE, me,
                    DevPool.FAR_FUTURE).sendAsync();
            Thread.sleep(200);
            var second = dev.pool().swapExactIn(dev.address(0), dev.address(last), amount, BigInteger.ONE, me,
                    DevPool.FAR_FUTURE).sendAsync();
            Thread.sleep(200);
            rpc.mine(1);
            TransactionReceipt a = first.get();
            TransactionReceipt b = second.get();
            if (!a.getBlockNumber().equals(b.getBlockNumber())) {
                throw new IllegalStateException("the two swaps landed in different blocks");
            }
            return record(b);
        } finally {
            rpc.setAutomine(true);
        }
    }

    private static BigInteger record(TransactionReceipt receipt) {
        if (!receipt.isStatusOK()) throw new IllegalStateException("benchmark transaction reverted: " + receipt.getTransactionHash());
        return receipt.getGasUsed();
    }

    private void print(PrintStream out) {
        out.println("gasUsed of whole transactions on Anvil (21,000 base + calldata + execution)");
        out.printf("%-60s %10s%n", "transaction", "gasUsed");
        results.forEach((name, gasUsed) -> out.printf("%-60s %,10d%n", name, gasUsed));
    }

    private static List<DevToken> tokens(int n) {
        List<DevToken> tokens = new ArrayList<>();
        int[] decimals = {18, 6, 8, 18, 18, 6, 8, 18};
        BigInteger weight = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(n));
        BigInteger remainder = BigInteger.TEN.pow(18).subtract(weight.multiply(BigInteger.valueOf(n)));
        for (int i = 0; i < n; i++) {
            tokens.add(new DevToken("T" + i, decimals[i], "1000000", i == 0 ? weight.add(remainder) : weight));
        }
        return tokens;
    }

    private static List<BigInteger> maxAll(int n) {
        return Collections.nCopies(n, BigInteger.TWO.pow(200));
    }

    private static List<BigInteger> zeros(int n) {
        return Collections.nCopies(n, BigInteger.ZERO);
    }
}
