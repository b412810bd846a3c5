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
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * A whole Ballast market on a dev chain: test tokens with Chainlink-style feeds, a weighted pool holding them at the
 * feed prices, per asset a price router over the feed adapter and the pool's TWAP, a pool venue, and a vault with a
 * keeper and a first deposit. Asset 0 is the quote token (a USD stablecoin) and the pool's token 0.
 *
 * <p>Dev chains only: tokens are open-mint mocks and the feeds are settable.
 */
public record DevStack(
        DevPool pool,
        List<MockAggregator> feeds,
        List<ChainlinkAdapter> feedAdapters,
        List<PoolTwapAdapter> twapAdapters,
        PriceRouter router,
        WeightedPoolVenue venue,
        RebalancingVault vault,
        List<DevAsset> assets,
        String keeper) {

    public static final int FEED_DECIMALS = 8;
    public static final long TWAP_WINDOW = 1800;
    public static final long TIMELOCK_DELAY = 3600;
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
        List<ChainlinkAdapter> feedAdapters = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            MockAggregator feed = MockAggregator.deploy(web3j, tm, gas, BigInteger.valueOf(FEED_DECIMALS)).send();
            feed.setAnswer(feedAnswer(assets.get(i).usdPrice())).send();
            feeds.add(feed);
            feedAdapters.add(ChainlinkAdapter.deploy(web3j, tm, gas, pool.address(i), feed.getContractAddress(),
                    BigInteger.valueOf(86_400), Address.DEFAULT.getValue(), BigInteger.ZERO).send());
        }
        PriceRouter router = PriceRouter.deploy(web3j, tm, gas, deployer).send();
        List<PoolTwapAdapter> twaps = new ArrayList<>();
        for (int i = 0; i < assets.size(); i++) {
            PoolTwapAdapter twap = PoolTwapAdapter.deploy(web3j, tm, gas, pool.pool().getContractAddress(),
                    pool.address(0), pool.address(i), BigInteger.valueOf(TWAP_WINDOW),
                    feedAdapters.get(0).getContractAddress()).send();
            twaps.add(twap);
            router.setSources(pool.address(i),
                    List.of(feedAdapters.get(i).getContractAddress(), twap.getContractAddress()),
                    BigInteger.TWO, wad("0.05")).send();
        }
        WeightedPoolVenue venue = WeightedPoolVenue.deploy(web3j, tm, gas, pool.pool().getContractAddress()).send();
        RebalancingVault vault = RebalancingVault.deploy(web3j, tm, gas, "Ballast demo vault", "bVAULT",
                router.getContractAddress(), addresses(pool), assets.stream().map(DevAsset::vaultWeight).toList(),
                params, deployer, deployer, BigInteger.valueOf(TIMELOCK_DELAY)).send();
        vault.setKeeper(keeper, true).send();
        allowVenue(vault, rpc, venue.getContractAddress());
        // the TWAP sources need a window of history before the router (and so deposits) can price anything
        rpc.increaseTime(TWAP_WINDOW + 60);
        rpc.mine(1);

        DevStack stack = new DevStack(pool, feeds, feedAdapters, twaps, router, venue, vault, assets, keeper);
        stack.depositUsd(deployer, vaultUsd);
        return stack;
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

    /** Sets asset {@code i}'s feed to {@code usd}. */
    public void setFeedPrice(int i, BigDecimal usd) throws Exception {
        feeds.get(i).setAnswer(feedAnswer(usd)).send();
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

    private static void allowVenue(RebalancingVault vault, AnvilRpc rpc, String venue) throws Exception {
        String call = FunctionEncoder.encode(new Function("setVenue", List.of(new Address(venue), new Bool(true)), List.of()));
        byte[] data = org.web3j.utils.Numeric.hexStringToByteArray(call);
        TransactionReceipt proposed = vault.propose(data).send();
        BigInteger nonce = RebalancingVault.getChangeProposedEvents(proposed).getFirst().nonce;
        rpc.increaseTime(TIMELOCK_DELAY + 1);
        rpc.mine(1);
        vault.execute(data, nonce).send();
    }

    private static List<String> addresses(DevPool pool) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pool.tokens().size(); i++) out.add(pool.address(i));
        return out;
    }
}
