package dev.ballast.bench;

import dev.ballast.anvil.AnvilRpc;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.TokenAmounts;
import dev.ballast.deploy.protocols.DevVenues;
import dev.ballast.deploy.protocols.Erc20;
import dev.ballast.deploy.protocols.RawChain;
import dev.ballast.deploy.protocols.UniswapV2;
import dev.ballast.deploy.protocols.UniswapV3;
import dev.ballast.deploy.venues.UniswapV2VenueAdapter;
import dev.ballast.deploy.venues.UniswapV3VenueAdapter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;

/**
 * A dev vault that may trade on four venues of the real protocols' bytecode: its Ballast pool, and beside it a Uniswap
 * V3 0.3% pool of WETH/USDC (full range, 310-slot observation ring), a Uniswap V2 WETH/USDC pair and one Balancer V2
 * weighted pool of all four assets, every one seeded at the feed prices and allow-listed through the vault's timelock.
 * The Ballast pool is the shallowest ({@link #BALLAST_POOL_USD}); the others are deeper, so the best execution of a
 * leg is elsewhere or split. The vault's TWAP window is 300 s, the vault's least (a V3 ring of 310 one-second slots
 * guarantees it on Anvil; the demo's 30 minutes would need 1,801 slots, ~40M gas per pool).
 *
 * @param quoted the three venues the keeper quotes per leg: V3, V2, Balancer
 */
public record MultiVenueMarket(DevStack stack, List<String> quoted, String v3Venue, String v2Venue, String balancerVenue) {
    public static final BigDecimal BALLAST_POOL_USD = new BigDecimal("20000000");
    public static final BigDecimal OTHER_POOL_USD = new BigDecimal("40000000");
    public static final long TWAP_WINDOW = 300;

    /** Drift band: 2%, so a small deposit puts the vault out of band without moving the venues much. */
    public static final BigDecimal BAND = new BigDecimal("0.02");

    /** The vault's guards with a TWAP window the V3 ring covers. */
    public static RebalancingVault.Params params() {
        RebalancingVault.Params p = DevStack.defaultParams(BAND);
        return new RebalancingVault.Params(p.band, p.mode, p.interval, p.cooldown, p.maxSlippage, p.maxTradeFraction,
                BigInteger.valueOf(TWAP_WINDOW), p.maxSpotTwapDeviation, p.maxOracleVenueDeviation, p.singleAssetFee);
    }

    /** Deploys the stack (a vault of {@code vaultUsd}) and the venues; {@code keeper} may rebalance. */
    public static MultiVenueMarket deploy(Web3j web3j, AnvilRpc rpc, Credentials deployer, long chainId, String keeper,
            BigDecimal vaultUsd) throws Exception {
        TransactionManager tm = DevGas.txManager(web3j, deployer, chainId);
        DevStack stack = DevStack.deploy(web3j, rpc, tm, DevGas.provider(chainId), deployer.getAddress(), keeper,
                KeeperFleet.ASSETS, params(), BALLAST_POOL_USD, vaultUsd);
        RawChain chain = new RawChain(web3j, tm, chainId);
        List<DevVenues.Token> tokens = new ArrayList<>();
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 0; i < KeeperFleet.ASSETS.size(); i++) {
            DevStack.DevAsset a = KeeperFleet.ASSETS.get(i);
            tokens.add(new DevVenues.Token(stack.asset(i), a.decimals(), a.symbol()));
            prices.add(a.usdPrice());
        }
        // the 4-asset Balancer pool, a V3 WETH/USDC pool whose ring covers the vault's window, a V2 WETH/USDC pair
        DevVenues venues = DevVenues.deploy(chain, tokens, prices, List.of("balancer"), OTHER_POOL_USD);
        String balancer = venues.deployAdapters().getFirst();
        String v3 = v3Venue(chain, rpc, stack);
        String v2 = v2Venue(chain, stack);
        // the V3 ring must hold the TWAP window before the vault accepts the venue
        rpc.increaseTime(TWAP_WINDOW + 10);
        rpc.mine(1);
        List<String> quoted = List.of(v3, v2, balancer);
        List<DevStack.Change> allow = new ArrayList<>();
        for (String v : quoted) {
            allow.add(new DevStack.Change(stack.vault().getContractAddress(), DevStack.call("setVenue", new Address(v), new Bool(true))));
        }
        DevStack.govern(stack.vault(), rpc, allow);
        refreshFeeds(stack);
        return new MultiVenueMarket(stack, quoted, v3, v2, balancer);
    }

    /**
     * A V3 0.3% WETH/USDC pool holding OTHER_POOL_USD at full range, and its venue. The ring is grown before the first
     * mint, while it has one slot, so the mint's write (a second later) makes it TWAP_WINDOW + 10 slots at once.
     */
    private static String v3Venue(RawChain chain, AnvilRpc rpc, DevStack stack) throws Exception {
        UniswapV3 v3 = UniswapV3.deploy(chain);
        String usdc = stack.asset(0);
        String weth = stack.asset(1);
        UniswapV3.Pool pool = v3.createPool(weth, 18, usdc, 6, 3000, KeeperFleet.ASSETS.get(1).usdPrice());
        chain.send("grow V3 observations", pool.address(), "increaseObservationCardinalityNext",
                new Uint16(TWAP_WINDOW + 10));
        BigDecimal side = OTHER_POOL_USD.divide(BigDecimal.TWO);
        BigInteger usdcAmount = raw(side, KeeperFleet.ASSETS.get(0));
        BigInteger wethAmount = raw(side, KeeperFleet.ASSETS.get(1));
        Erc20.mint(chain, usdc, chain.from(), usdcAmount);
        Erc20.mint(chain, weth, chain.from(), wethAmount);
        rpc.increaseTime(1);
        boolean wethFirst = pool.token0().equalsIgnoreCase(weth);
        v3.mintFullRange(pool, wethFirst ? wethAmount : usdcAmount, wethFirst ? usdcAmount : wethAmount, chain.from());
        return chain.send("deploy UniswapV3Venue", null, new UniswapV3VenueAdapter(pool.address()).creationData())
                .getContractAddress();
    }

    /** A V2 WETH/USDC pair holding OTHER_POOL_USD at the feed prices, and its venue. */
    private static String v2Venue(RawChain chain, DevStack stack) throws Exception {
        UniswapV2 v2 = UniswapV2.deploy(chain);
        String usdc = stack.asset(0);
        String weth = stack.asset(1);
        String pair = v2.createPair(usdc, weth);
        BigDecimal side = OTHER_POOL_USD.divide(BigDecimal.TWO);
        BigInteger usdcAmount = raw(side, KeeperFleet.ASSETS.get(0));
        BigInteger wethAmount = raw(side, KeeperFleet.ASSETS.get(1));
        Erc20.mint(chain, usdc, chain.from(), usdcAmount);
        Erc20.mint(chain, weth, chain.from(), wethAmount);
        v2.addLiquidity(pair, usdc, usdcAmount, weth, wethAmount);
        return chain.send("deploy UniswapV2Venue", null, new UniswapV2VenueAdapter(pair).creationData()).getContractAddress();
    }

    private static BigInteger raw(BigDecimal usd, DevStack.DevAsset a) {
        return TokenAmounts.toRaw(usd.divide(a.usdPrice(), a.decimals(), RoundingMode.DOWN), a.decimals());
    }

    /** Asset {@code i} of the market's vault (USDC, WETH, WBTC, LINK). */
    public static DevStack.DevAsset asset(int i) {
        return KeeperFleet.ASSETS.get(i);
    }

    /** Re-publishes every feed at its price (fresh rounds after the clock moved). */
    public static void refreshFeeds(DevStack stack) throws Exception {
        for (int i = 0; i < KeeperFleet.ASSETS.size(); i++) stack.setFeedPrice(i, KeeperFleet.ASSETS.get(i).usdPrice());
    }

    /**
     * Puts the vault out of its band without moving any price: a single-asset USDC deposit of {@code fraction} of its
     * value, which the keeper then sells for the other assets. Moves the clock past the cooldown.
     */
    public static void pushOutOfBand(DevStack stack, RebalancingVault vault, AnvilRpc rpc, String depositor, BigDecimal usd)
            throws Exception {
        var usdc = stack.pool().tokens().getFirst();
        BigInteger amount = raw(usd, KeeperFleet.ASSETS.getFirst());
        usdc.mint(depositor, amount).send();
        usdc.approve(vault.getContractAddress(), amount).send();
        vault.depositSingle(stack.asset(0), amount, BigInteger.ZERO, depositor).send();
        rpc.increaseTime(61);
        rpc.mine(1);
    }
}
