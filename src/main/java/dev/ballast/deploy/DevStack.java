package dev.ballast.deploy;

import dev.ballast.anvil.AnvilRpc;
import dev.ballast.contracts.ChainlinkAdapter;
import dev.ballast.contracts.MockAggregator;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.PoolTwapAdapter;
import dev.ballast.contracts.PriceRouter;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.contracts.WeightedPoolVenue;
import dev.ballast.deploy.DevPool.DevToken;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * A whole Ballast market on a dev chain: test tokens with Chainlink-style feeds, a weighted pool holding them at the
 * feed prices, a price router (owned by the vault, so changed only through its timelock) with per asset the feed
 * adapter and the pool's TWAP, a pool venue, and a vault with a keeper and a first deposit. Asset 0 is the quote token
 * (a USD stablecoin) and the pool's token 0: its TWAP would only repeat its own feed (the router refuses one feed
 * counted twice), so it is priced by two independent feeds instead.
 *
 * <p>Dev chains only: tokens are open-mint mocks and the feeds are settable.
 *
 * @param feeds            each asset's feed
 * @param quoteSecondFeed  the quote token's second, independent feed
 * @param sources          each asset's price sources as configured on the router, in order
 */
public record DevStack(
        DevPool pool,
        List<MockAggregator> feeds,
        MockAggregator quoteSecondFeed,
        List<List<String>> sources,
        PriceRouter router,
        WeightedPoolVenue venue,
        RebalancingVault vault,
        List<DevAsset> assets,
        String keeper) {

    public static final int FEED_DECIMALS = 8;
    public static final long TWAP_WINDOW = 1800;
    public static final long TIMELOCK_DELAY = 3600;
    /** The mock feeds' own heartbeat and the margin the adapters add to it for the update's block inclusion. */
    public static final long FEED_HEARTBEAT = 86_400;
    public static final long HEARTBEAT_MARGIN = 600;
    static final BigInteger WAD = BigInteger.TEN.pow(18);

    /** An asset: symbol, decimals, USD price, vault target weight and pool weight (18 decimals). */
    public record DevAsset(String symbol, int decimals, BigDecimal usdPrice, BigInteger vaultWeight, BigInteger poolWeight) {}

    /** Guard parameters for a demo vault (rebalance sizes and time scales that fit a run of minutes). */
    public static RebalancingVault.Params defaultParams(BigDecimal band) {
        return new RebalancingVault.Params(
                wad(band), BigInteger.ZERO /* BAND */, BigInteger.valueOf(86_400), BigInteger.valueOf(60),
                wad("0.02"), wad("0.25"), BigInteger.valueOf(TWAP_WINDOW), wad("0.05"), wad("0.05"), wad("0.003"));
    }

    /**
     * Ring slots a pool needs so a TWAP of {@code windowSeconds} stays available whatever the trade frequency: the
     * pool keeps at most two observations per 30-second bucket, and guarantees (ceil(slots / 2) - 2) buckets.
     */
    public static int cardinalityFor(long windowSeconds) {
        long bucket = 30;
        return (int) (2 * ((windowSeconds + bucket - 1) / bucket + 2));
    }

    /**
     * Deploys everything with {@code deployer} as owner, guardian and feed updater, grants {@code keeper} the keeper
     * role, seeds the pool with {@code poolUsd} of value and deposits {@code vaultUsd} of value into the vault at its
     * target weights. Uses evm_increaseTime to pass the venue's timelock and fill the TWAP window.
     */
    public static DevStack deploy(Web3j web3j, AnvilRpc rpc, TransactionManager tm, ContractGasProvider gas,
            String deployer, String keeper, List<DevAsset> assets, RebalancingVault.Params params,
            BigDecimal poolUsd, BigDecimal vaultUsd) throws Exception {
        List<DevToken> poolTokens = new ArrayList<>();
        for (DevAsset a : assets) {
            BigDecimal units = poolUsd.multiply(TokenAmounts.fromWad(a.poolWeight())).divide(a.usdPrice(), a.decimals(), RoundingMode.DOWN);
            poolTokens.add(new DevToken(a.symbol(), a.decimals(), units.toPlainString(), a.poolWeight()));
        }
        DevPool pool = DevPool.deploy(web3j, tm, gas, deployer, poolTokens, wad("0.003"), 1000);
        pool.pool().increaseObservationCardinality(BigInteger.valueOf(cardinalityFor(TWAP_WINDOW))).send();

        List<MockAggregator> feeds = new ArrayList<>();
        List<String> feedAdapters = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            MockAggregator feed = feed(web3j, tm, gas, assets.get(i).usdPrice());
            feeds.add(feed);
            feedAdapters.add(adapter(web3j, tm, gas, pool.address(i), feed));
        }
        MockAggregator quoteSecondFeed = feed(web3j, tm, gas, assets.getFirst().usdPrice());
        PriceRouter router = PriceRouter.deploy(web3j, tm, gas, deployer).send();
        List<List<String>> sources = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            String second = i == 0 ? adapter(web3j, tm, gas, pool.address(0), quoteSecondFeed)
                    : PoolTwapAdapter.deploy(web3j, tm, gas, pool.pool().getContractAddress(), pool.address(0),
                            pool.address(i), BigInteger.valueOf(TWAP_WINDOW), feedAdapters.getFirst()).send().getContractAddress();
            List<String> list = List.of(feedAdapters.get(i), second);
            sources.add(list);
            router.setSources(pool.address(i), list, BigInteger.TWO, wad("0.05")).send();
        }
        WeightedPoolVenue venue = WeightedPoolVenue.deploy(web3j, tm, gas, pool.pool().getContractAddress()).send();
        RebalancingVault vault = RebalancingVault.deploy(web3j, tm, gas, "Ballast demo vault", "bVAULT",
                router.getContractAddress(), addresses(pool), assets.stream().map(DevAsset::vaultWeight).toList(),
                params, deployer, deployer, BigInteger.valueOf(TIMELOCK_DELAY)).send();
        // the vault takes no deposit until it owns its router: hand it over, then one timelock round accepts it,
        // allows the venue and adds the keeper
        router.transferOwnership(vault.getContractAddress()).send();
        govern(vault, rpc, List.of(
                new Change(router.getContractAddress(), call("acceptOwnership")),
                new Change(vault.getContractAddress(), call("setVenue", new Address(venue.getContractAddress()), new Bool(true))),
                new Change(vault.getContractAddress(), call("setKeeper", new Address(keeper), new Bool(true)))));
        // the TWAP sources need a window of history before the router (and so deposits) can price anything
        rpc.increaseTime(TWAP_WINDOW + 60);
        rpc.mine(1);

        DevStack stack = new DevStack(pool, feeds, quoteSecondFeed, sources, router, venue, vault, assets, keeper);
        stack.depositUsd(deployer, vaultUsd);
        return stack;
    }

    /** One call the vault's timelock sends to {@code target} (the vault itself or its router). */
    public record Change(String target, byte[] call) {}

    /**
     * Proposes every change, moves the dev chain's clock past the timelock and executes them in order: the path every
     * value-moving change takes (adding a keeper, a venue, a price source).
     */
    public static void govern(RebalancingVault vault, AnvilRpc rpc, List<Change> changes) throws Exception {
        List<BigInteger> nonces = new ArrayList<>();
        for (Change c : changes) {
            TransactionReceipt proposed = vault.propose(c.target(), c.call()).send();
            nonces.add(RebalancingVault.getChangeProposedEvents(proposed).getFirst().nonce);
        }
        rpc.increaseTime(TIMELOCK_DELAY + 1);
        rpc.mine(1);
        for (int k = 0; k < changes.size(); k++) {
            vault.execute(changes.get(k).target(), changes.get(k).call(), nonces.get(k)).send();
        }
    }

    /** Grants {@code account} the keeper role through the vault's timelock (moves the dev chain's clock). */
    public void addKeeper(AnvilRpc rpc, String account) throws Exception {
        govern(vault, rpc, List.of(new Change(vault.getContractAddress(), call("setKeeper", new Address(account), new Bool(true)))));
    }

    /** ABI-encoded call data of {@code name(args)}. */
    @SuppressWarnings("rawtypes")
    public static byte[] call(String name, Type... args) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(new Function(name, List.of(args), List.of())));
    }

    /** Deposits {@code usd} of value at the target weights (the first deposit sets the vault's proportions). */
    public TransactionReceipt depositUsd(String from, BigDecimal usd) throws Exception {
        List<BigInteger> amounts = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            DevAsset a = assets.get(i);
            BigDecimal units = usd.multiply(TokenAmounts.fromWad(a.vaultWeight())).divide(a.usdPrice(), a.decimals(), RoundingMode.DOWN);
            BigInteger raw = TokenAmounts.toRaw(units, a.decimals());
            MockERC20 token = pool.tokens().get(i);
            token.mint(from, raw).send();
            token.approve(vault.getContractAddress(), raw).send();
            amounts.add(raw);
        }
        return vault.deposit(amounts, BigInteger.ZERO, from).send();
    }

    /** Sets asset {@code i}'s feed (both feeds of the quote token) to {@code usd}. */
    public void setFeedPrice(int i, BigDecimal usd) throws Exception {
        feeds.get(i).setAnswer(feedAnswer(usd)).send();
        if (i == 0) quoteSecondFeed.setAnswer(feedAnswer(usd)).send();
    }

    public WeightedPool weightedPool() {
        return pool.pool();
    }

    public String asset(int i) {
        return pool.address(i);
    }

    public static BigInteger feedAnswer(BigDecimal usd) {
        return usd.movePointRight(FEED_DECIMALS).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    static BigInteger wad(String fraction) {
        return wad(new BigDecimal(fraction));
    }

    static BigInteger wad(BigDecimal fraction) {
        return fraction.movePointRight(18).toBigIntegerExact();
    }

    private static MockAggregator feed(Web3j web3j, TransactionManager tm, ContractGasProvider gas, BigDecimal usd) throws Exception {
        MockAggregator feed = MockAggregator.deploy(web3j, tm, gas, BigInteger.valueOf(FEED_DECIMALS)).send();
        feed.setAnswer(feedAnswer(usd)).send();
        return feed;
    }

    private static String adapter(Web3j web3j, TransactionManager tm, ContractGasProvider gas, String asset,
            MockAggregator feed) throws Exception {
        return ChainlinkAdapter.deploy(web3j, tm, gas, asset, feed.getContractAddress(),
                BigInteger.valueOf(FEED_HEARTBEAT + HEARTBEAT_MARGIN), Address.DEFAULT.getValue(), BigInteger.ZERO)
                .send().getContractAddress();
    }

    private static List<String> addresses(DevPool pool) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pool.tokens().size(); i++) out.add(pool.address(i));
        return out;
    }
}
