package dev.ballast.deploy.protocols;

import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DecimalMath;
import dev.ballast.deploy.TokenAmounts;
import dev.ballast.deploy.venues.BalancerV2VenueAdapter;
import dev.ballast.deploy.venues.UniswapV3VenueAdapter;
import dev.ballast.deploy.venues.VenueAdapter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.datatypes.generated.Uint16;

/**
 * The real Uniswap V3 and Balancer V2 beside a dev market's Ballast pool: per risky asset a V3 pool against asset 0
 * (0.3%, full range), and one Balancer weighted pool of every asset at equal weights (0.3%), all seeded at the feed
 * prices with open-mint test tokens. {@link #arbitrage} trades each back to given prices, the way arbitrageurs keep
 * real venues in line with the market. Dev chains only.
 */
public final class DevVenues {
    /** Kinds the dev market can add beside its Ballast pool. */
    public static final List<String> KINDS = List.of("univ3", "balancer");
    private static final int V3_FEE = 3000;
    private static final BigInteger BALANCER_FEE = BigInteger.TEN.pow(15).multiply(BigInteger.valueOf(3));
    private static final BigDecimal TOLERANCE = new BigDecimal("0.001");
    private static final BigDecimal MAX_RATIO = new BigDecimal("0.29");
    private static final MathContext MC = DecimalMath.MC;
    /** V3 observations kept per pool, so a TWAP venue over the demo's windows has history. */
    private static final int V3_CARDINALITY = 128;

    /** A token of the market: address, decimals, symbol. Token 0 is the quote asset every price is in. */
    public record Token(String address, int decimals, String symbol) {}

    /** One pool's price of a token in token 0 against the price it was traded to. */
    public record Deviation(String venue, BigDecimal poolPrice, BigDecimal target) {
        public BigDecimal relative() {
            return poolPrice.subtract(target).divide(target, MC);
        }
    }

    private final RawChain chain;
    private final List<Token> tokens;
    private final UniswapV3 v3;
    private final List<UniswapV3.Pool> v3Pools;
    private final BalancerV2 balancer;
    private final BalancerV2.Pool balancerPool;

    private DevVenues(RawChain chain, List<Token> tokens, UniswapV3 v3, List<UniswapV3.Pool> v3Pools, BalancerV2 balancer,
            BalancerV2.Pool balancerPool) {
        this.chain = chain;
        this.tokens = tokens;
        this.v3 = v3;
        this.v3Pools = v3Pools;
        this.balancer = balancer;
        this.balancerPool = balancerPool;
    }

    /**
     * Deploys the protocols named in {@code kinds} (of {@link #KINDS}) and their pools, each holding about
     * {@code usdPerPool} of value at {@code usdPrices}; the deployer's test tokens are minted for it.
     */
    public static DevVenues deploy(RawChain chain, List<Token> tokens, List<BigDecimal> usdPrices, List<String> kinds,
            BigDecimal usdPerPool) throws IOException {
        UniswapV3 v3 = null;
        List<UniswapV3.Pool> v3Pools = new ArrayList<>();
        if (kinds.contains("univ3")) {
            v3 = UniswapV3.deploy(chain);
            Token quote = tokens.getFirst();
            for (int i = 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                BigDecimal price = usdPrices.get(i).divide(usdPrices.getFirst(), MC);
                UniswapV3.Pool pool = v3.createPool(t.address(), t.decimals(), quote.address(), quote.decimals(), V3_FEE, price);
                chain.send("grow V3 observations", pool.address(), "increaseObservationCardinalityNext", new Uint16(V3_CARDINALITY));
                BigInteger side = units(usdPerPool.divide(BigDecimal.TWO, MC).divide(usdPrices.get(i), MC), t.decimals());
                BigInteger quoteSide = units(usdPerPool.divide(BigDecimal.TWO, MC).divide(usdPrices.getFirst(), MC), quote.decimals());
                Erc20.mint(chain, t.address(), chain.from(), side);
                Erc20.mint(chain, quote.address(), chain.from(), quoteSide);
                boolean tFirst = pool.token0().equalsIgnoreCase(t.address());
                v3.mintFullRange(pool, tFirst ? side : quoteSide, tFirst ? quoteSide : side, chain.from());
                v3Pools.add(pool);
            }
        }
        BalancerV2 balancer = null;
        BalancerV2.Pool balancerPool = null;
        if (kinds.contains("balancer")) {
            balancer = BalancerV2.deploy(chain, v3 != null ? v3.weth9() : chain.deploy("deploy WETH9", ProtocolArtifacts.uniswapV2Periphery("WETH9")));
            BigInteger one = BigInteger.TEN.pow(18);
            BigInteger weight = one.divide(BigInteger.valueOf(tokens.size()));
            List<BalancerV2.Member> members = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                BigInteger w = i == 0 ? one.subtract(weight.multiply(BigInteger.valueOf(tokens.size() - 1))) : weight;
                BigInteger amount = units(usdPerPool.multiply(TokenAmounts.fromWad(w)).divide(usdPrices.get(i), MC), tokens.get(i).decimals());
                Erc20.mint(chain, tokens.get(i).address(), chain.from(), amount);
                members.add(new BalancerV2.Member(tokens.get(i).address(), w, amount));
            }
            balancerPool = balancer.createPool("Ballast dev weighted pool", "B-DEV", members, BALANCER_FEE);
        }
        return new DevVenues(chain, tokens, v3, v3Pools, balancer, balancerPool);
    }

    /**
     * Deploys the venue adapters over these pools (UniswapV3Venue per V3 pool, BalancerV2Venue over the weighted pool).
     * Allow-listing them is the vault's timelock's.
     */
    public List<String> deployAdapters() throws IOException {
        List<VenueAdapter> adapters = new ArrayList<>();
        v3Pools.forEach(p -> adapters.add(new UniswapV3VenueAdapter(p.address())));
        if (balancerPool != null) adapters.add(new BalancerV2VenueAdapter(balancer.vault(), balancerPool.poolIdHex()));
        List<String> out = new ArrayList<>();
        for (VenueAdapter a : adapters) {
            out.add(chain.send("deploy " + a.contract(), null, a.creationData()).getContractAddress());
        }
        return out;
    }

    /**
     * Trades every pool to {@code prices} (token i's price in token 0, whole tokens): V3 through the SwapRouter with
     * the target as the price limit (it stops exactly there), Balancer one capped GIVEN_IN swap per token (each moves
     * the others' prices a little: call again until nothing is traded). Returns what was traded.
     */
    public List<String> arbitrage(List<BigDecimal> prices) throws IOException {
        List<String> done = new ArrayList<>();
        for (int k = 0; k < v3Pools.size(); k++) done.addAll(arbitrageV3(v3Pools.get(k), k + 1, prices.get(k + 1).divide(prices.getFirst(), MC)));
        if (balancerPool != null) done.addAll(arbitrageBalancer(prices));
        return done;
    }

    /** Each pool's price of each risky token in token 0 against {@code prices}. */
    public List<Deviation> deviations(List<BigDecimal> prices) throws IOException {
        List<Deviation> out = new ArrayList<>();
        for (int k = 0; k < v3Pools.size(); k++) {
            BigDecimal target = prices.get(k + 1).divide(prices.getFirst(), MC);
            out.add(new Deviation("univ3 " + tokens.get(k + 1).symbol() + "/" + tokens.getFirst().symbol() + " 0.3%",
                    v3Price(v3Pools.get(k), k + 1), target));
        }
        if (balancerPool != null) {
            for (int i = 1; i < tokens.size(); i++) {
                BigDecimal target = prices.get(i).divide(prices.getFirst(), MC);
                out.add(new Deviation("balancer " + tokens.get(i).symbol() + "/" + tokens.getFirst().symbol() + " 0.3%",
                        balancerPrice(i), target));
            }
        }
        return out;
    }

    private BigDecimal v3Price(UniswapV3.Pool pool, int i) throws IOException {
        BigDecimal p1Per0 = UniswapV3.price1Per0(v3.slot0(pool).sqrtPriceX96(), pool.decimals0(), pool.decimals1());
        return pool.token0().equalsIgnoreCase(tokens.get(i).address()) ? p1Per0 : BigDecimal.ONE.divide(p1Per0, MC);
    }

    private List<String> arbitrageV3(UniswapV3.Pool pool, int i, BigDecimal target) throws IOException {
        BigDecimal now = v3Price(pool, i);
        if (now.subtract(target).abs().compareTo(target.multiply(TOLERANCE)) <= 0) return List.of();
        boolean tokenIsZero = pool.token0().equalsIgnoreCase(tokens.get(i).address());
        BigDecimal target1Per0 = tokenIsZero ? target : BigDecimal.ONE.divide(target, MC);
        BigInteger limit = UniswapV3.sqrtPriceX96(target1Per0, pool.decimals0(), pool.decimals1());
        boolean zeroForOne = limit.compareTo(v3.slot0(pool).sqrtPriceX96()) < 0;
        String in = zeroForOne ? pool.token0() : pool.token1();
        // more than the move can take: the router stops at the limit and pays only what the pool used
        BigInteger amount = Erc20.balanceOf(chain, in, pool.address()).max(BigInteger.ONE);
        Erc20.mint(chain, in, chain.from(), amount);
        v3.exactInputSingle(pool, in, amount, BigInteger.ZERO, limit, chain.from());
        return List.of("univ3 " + tokens.get(i).symbol() + " moved to " + target.round(new MathContext(8)).toPlainString());
    }

    private BigDecimal balancerPrice(int i) throws IOException {
        List<BigInteger> balances = balancer.balances(balancerPool);
        List<BigInteger> weights = balancer.weights(balancerPool);
        int p0 = balancerPool.tokens().indexOf(tokens.getFirst().address());
        int pi = balancerPool.tokens().indexOf(tokens.get(i).address());
        BigDecimal b0 = TokenAmounts.fromRaw(balances.get(p0), tokens.getFirst().decimals());
        BigDecimal bi = TokenAmounts.fromRaw(balances.get(pi), tokens.get(i).decimals());
        return b0.divide(TokenAmounts.fromWad(weights.get(p0)), MC)
                .divide(bi.divide(TokenAmounts.fromWad(weights.get(pi)), MC), MC);
    }

    private List<String> arbitrageBalancer(List<BigDecimal> prices) throws IOException {
        List<String> done = new ArrayList<>();
        Token quote = tokens.getFirst();
        for (int i = 1; i < tokens.size(); i++) {
            BigDecimal target = prices.get(i).divide(prices.getFirst(), MC);
            if (balancerPrice(i).subtract(target).abs().compareTo(target.multiply(TOLERANCE)) <= 0) continue;
            List<BigInteger> balances = balancer.balances(balancerPool);
            List<BigInteger> weights = balancer.weights(balancerPool);
            int p0 = balancerPool.tokens().indexOf(quote.address());
            int pi = balancerPool.tokens().indexOf(tokens.get(i).address());
            Token t = tokens.get(i);
            BigDecimal b0 = TokenAmounts.fromRaw(balances.get(p0), quote.decimals());
            BigDecimal bi = TokenAmounts.fromRaw(balances.get(pi), t.decimals());
            BigDecimal w0 = TokenAmounts.fromWad(weights.get(p0));
            BigDecimal wi = TokenAmounts.fromWad(weights.get(pi));
            BigDecimal targetBi = Arbitrageur.balanceAtPrice(b0, w0, bi, wi, target);
            if (targetBi.compareTo(bi) < 0) {
                // token i too cheap: buy it with token 0; B0 · Bi^(wi/w0) stays constant (fee ignored)
                BigDecimal b0After = b0.multiply(DecimalMath.pow(bi.divide(targetBi, MC), wi.divide(w0, MC)), MC);
                swap(quote, t, b0After.subtract(b0).min(b0.multiply(MAX_RATIO)));
                done.add("balancer bought " + t.symbol());
            } else {
                swap(t, quote, targetBi.subtract(bi).min(bi.multiply(MAX_RATIO)));
                done.add("balancer sold " + t.symbol());
            }
        }
        return done;
    }

    /** {@code amount} is what must reach the pool's balance; the fee comes off the input first, so send more. */
    private void swap(Token in, Token out, BigDecimal amount) throws IOException {
        BigDecimal fee = TokenAmounts.fromWad(BALANCER_FEE);
        BigInteger raw = units(amount.divide(BigDecimal.ONE.subtract(fee), MC), in.decimals());
        if (raw.signum() == 0) return;
        Erc20.mint(chain, in.address(), chain.from(), raw);
        balancer.swapGivenIn(balancerPool, in.address(), out.address(), raw, BigInteger.ZERO, chain.from());
    }

    private static BigInteger units(BigDecimal whole, int decimals) {
        return TokenAmounts.toRaw(whole.setScale(decimals, RoundingMode.DOWN), decimals);
    }
}
