package dev.ballast.bench;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.demo.Market;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.paper.PaperConfig;
import dev.ballast.policy.RebalanceMode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The demo's moving market on a local Anvil for paper trading: USDC/WETH/WBTC with Chainlink-style feeds, a weighted
 * pool with its venue and a price router, a seeded random walk posted to the feeds and an arbitrage bot carrying it
 * into the pool. Paper vaults follow it through the router and venue like any live chain.
 */
public final class PaperMarket implements AutoCloseable {
    private static final BigInteger WAD = BigInteger.TEN.pow(18);
    private static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), wad("0.4"), wad("0.4")),
            new DevAsset("WETH", 18, new BigDecimal("3000"), wad("0.3"), wad("0.3")),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), wad("0.3"), wad("0.3")));

    private final AnvilProcess anvil;
    private final Web3j web3j;
    private final AnvilRpc rpc;
    private final DevStack stack;
    private final Market market;
    private final Arbitrageur arbitrageur;
    private final long stepSeconds;

    private PaperMarket(AnvilProcess anvil, Web3j web3j, AnvilRpc rpc, DevStack stack, Market market, long stepSeconds) {
        this.anvil = anvil;
        this.web3j = web3j;
        this.rpc = rpc;
        this.stack = stack;
        this.market = market;
        this.arbitrageur = new Arbitrageur(stack.pool(), DevAccounts.get(0).getAddress());
        this.stepSeconds = stepSeconds;
    }

    /**
     * Starts Anvil and deploys the market. {@code volPerStep} is the walk's standard deviation per step;
     * {@code stepSeconds} the chain time one step takes.
     */
    public static PaperMarket start(long seed, double volPerStep, long stepSeconds) throws Exception {
        AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults());
        try {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            AnvilRpc rpc = new AnvilRpc(service);
            long chainId = AnvilOptions.DEFAULT_CHAIN_ID;
            DevStack stack = DevStack.deploy(web3j, rpc, DevGas.txManager(web3j, DevAccounts.get(0), chainId), DevGas.provider(chainId),
                    DevAccounts.get(0).getAddress(), DevAccounts.get(1).getAddress(), ASSETS, DevStack.defaultParams(new BigDecimal("0.05")),
                    new BigDecimal("20000000"), new BigDecimal("100000"));
            Market market = new Market(seed, ASSETS.stream().map(DevAsset::usdPrice).toList(), volPerStep, 0);
            return new PaperMarket(anvil, web3j, rpc, stack, market, stepSeconds);
        } catch (Exception | Error e) {
            anvil.close();
            throw e;
        }
    }

    /** One market step: new prices to the feeds, the bot trades the pool to them, the clock moves, a block is mined. */
    public void step() throws Exception {
        market.step();
        List<BigDecimal> prices = market.prices();
        for (int i = 0; i < prices.size(); i++) stack.setFeedPrice(i, prices.get(i));
        for (int round = 0; round < 3 && !arbitrageur.trade(prices).isEmpty(); round++) { /* arbitrage to the feeds */ }
        rpc.increaseTime(stepSeconds);
        rpc.mine(1);
    }

    /** A block with nothing in it but time. */
    public void idle() {
        rpc.increaseTime(stepSeconds);
        rpc.mine(1);
    }

    public long head() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public AnvilRpc rpc() {
        return rpc;
    }

    /**
     * A paper config over this market with {@code vaults} identical vaults (60/20/20 targets, band {@code band}, the
     * vault's shortest cooldown (1 min), $100,000 each) trading through the stack's venue at its router's prices.
     */
    public PaperConfig config(Path journal, int vaults, BigInteger band) {
        List<PaperConfig.Vault> list = new ArrayList<>();
        List<PaperConfig.PaperAsset> assets = List.of(
                new PaperConfig.PaperAsset(stack.asset(0), wad("0.6")),
                new PaperConfig.PaperAsset(stack.asset(1), wad("0.2")),
                new PaperConfig.PaperAsset(stack.asset(2), wad("0.2")));
        PaperConfig.Policy policy = new PaperConfig.Policy(RebalanceMode.BAND, band, 86_400, 60, 100_00000000L, wad("0.02"), wad("0.5"),
                DevStack.TWAP_WINDOW, wad("0.05"), wad("0.05"), 0, WAD.divide(BigInteger.valueOf(100)).longValueExact());
        for (int i = 0; i < vaults; i++) {
            list.add(new PaperConfig.Vault("paper-" + i, stack.router().getContractAddress(), stack.venue().getContractAddress(), assets,
                    new PaperConfig.Start(new BigDecimal("100000"), null), policy));
        }
        return new PaperConfig(anvil.rpcUrl(), AnvilOptions.DEFAULT_CHAIN_ID, journal, Duration.ofMillis(200), 256,
                new PaperConfig.Gas(400_000, 150_000, 3000_00000000L, BigInteger.TEN.pow(9)), list);
    }

    public DevStack stack() {
        return stack;
    }

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
    }

    private static BigInteger wad(String fraction) {
        return new BigDecimal(fraction).movePointRight(18).toBigIntegerExact();
    }
}
