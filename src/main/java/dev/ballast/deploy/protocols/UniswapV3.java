package dev.ballast.deploy.protocols;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int24;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint16;
import org.web3j.abi.datatypes.generated.Uint160;
import org.web3j.abi.datatypes.generated.Uint24;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The real Uniswap V3 on a dev chain, from the npm artifacts: the core factory, WETH9 (from v2-periphery), the
 * NonfungiblePositionManager (which pays the pool in its mint callback; its token descriptor is never called here, so
 * the deployer's address stands in for it) and the SwapRouter. Pools are initialised at a real price, never at tick 0
 * (a tick-bitmap word boundary, which makes the first swap cost extra gas and is nothing like a live pool).
 */
public final class UniswapV3 {
    public static final BigInteger Q96 = BigInteger.TWO.pow(96);
    public static final int MIN_TICK = -887_272;
    public static final int MAX_TICK = 887_272;
    /** TickMath.MIN_SQRT_RATIO + 1 and MAX_SQRT_RATIO - 1: "no price limit" in either direction. */
    public static final BigInteger NO_LIMIT_DOWN = new BigInteger("4295128740");
    public static final BigInteger NO_LIMIT_UP = new BigInteger("1461446703485210103287273052203988822378723970341");
    private static final BigInteger FAR_FUTURE = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MAX_UINT = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private final RawChain chain;
    private final String factory;
    private final String weth9;
    private final String positionManager;
    private final String router;

    private UniswapV3(RawChain chain, String factory, String weth9, String positionManager, String router) {
        this.chain = chain;
        this.factory = factory;
        this.weth9 = weth9;
        this.positionManager = positionManager;
        this.router = router;
    }

    public static UniswapV3 deploy(RawChain chain) throws IOException {
        String factory = chain.deploy("deploy UniswapV3Factory", ProtocolArtifacts.uniswapV3Core("UniswapV3Factory"));
        String weth9 = chain.deploy("deploy WETH9", ProtocolArtifacts.uniswapV2Periphery("WETH9"));
        String npm = chain.deploy("deploy NonfungiblePositionManager",
                ProtocolArtifacts.uniswapV3Periphery("NonfungiblePositionManager", "NonfungiblePositionManager"),
                new Address(factory), new Address(weth9), new Address(chain.from()));
        String router = chain.deploy("deploy SwapRouter", ProtocolArtifacts.uniswapV3Periphery("SwapRouter", "SwapRouter"),
                new Address(factory), new Address(weth9));
        return new UniswapV3(chain, factory, weth9, npm, router);
    }

    /** The same deployment, driven by another account. */
    public UniswapV3 as(RawChain other) {
        return new UniswapV3(other, factory, weth9, positionManager, router);
    }

    public String factory() {
        return factory;
    }

    public String weth9() {
        return weth9;
    }

    public String router() {
        return router;
    }

    public String positionManager() {
        return positionManager;
    }

    /** A pool of two tokens: token0 sorts before token1; decimals in that order. */
    public record Pool(String address, String token0, String token1, int decimals0, int decimals1, int fee) {
        public int tickSpacing() {
            return UniswapV3.tickSpacing(fee);
        }

        public String other(String token) {
            return token.equalsIgnoreCase(token0) ? token1 : token0;
        }
    }

    /** The factory's enabled fee tiers (hundredths of a bip) and their tick spacings. */
    public static int tickSpacing(int fee) {
        return switch (fee) {
            case 500 -> 10;
            case 3000 -> 60;
            case 10_000 -> 200;
            default -> throw new IllegalArgumentException("fee " + fee + " is not a tier the factory enables (500, 3000, 10000)");
        };
    }

    /**
     * Creates and initialises the pool of {@code a} and {@code b} at {@code priceOfA} (whole b per whole a), through
     * the position manager's createAndInitializePoolIfNecessary, as a liquidity provider would.
     */
    public Pool createPool(String a, int decimalsA, String b, int decimalsB, int fee, BigDecimal priceOfA) throws IOException {
        boolean aFirst = Erc20.before(a, b);
        Pool pool = aFirst ? new Pool(null, a, b, decimalsA, decimalsB, fee) : new Pool(null, b, a, decimalsB, decimalsA, fee);
        BigDecimal price1Per0 = aFirst ? priceOfA : BigDecimal.ONE.divide(priceOfA, new MathContext(60));
        BigInteger sqrtPrice = sqrtPriceX96(price1Per0, pool.decimals0(), pool.decimals1());
        chain.send("create and initialise V3 pool", positionManager, "createAndInitializePoolIfNecessary",
                new Address(pool.token0()), new Address(pool.token1()), new Uint24(fee), new Uint160(sqrtPrice));
        String address = chain.address(factory, "getPool", new Address(pool.token0()), new Address(pool.token1()), new Uint24(fee));
        return new Pool(address, pool.token0(), pool.token1(), pool.decimals0(), pool.decimals1(), fee);
    }

    /**
     * Adds full-range liquidity (the position manager takes what the current price needs, at most the amounts given);
     * the caller holds the tokens. Full range keeps every swap inside one liquidity segment.
     */
    public TransactionReceipt mintFullRange(Pool pool, BigInteger amount0, BigInteger amount1, String recipient) throws IOException {
        Erc20.approve(chain, pool.token0(), positionManager, MAX_UINT);
        Erc20.approve(chain, pool.token1(), positionManager, MAX_UINT);
        int spacing = pool.tickSpacing();
        int lower = -(-MIN_TICK / spacing) * spacing;
        int upper = (MAX_TICK / spacing) * spacing;
        StaticStruct params = new StaticStruct(new Address(pool.token0()), new Address(pool.token1()), new Uint24(pool.fee()),
                new Int24(lower), new Int24(upper), new Uint256(amount0), new Uint256(amount1), new Uint256(0), new Uint256(0),
                new Address(recipient), new Uint256(FAR_FUTURE));
        return chain.send("mint V3 position", positionManager, "mint", params);
    }

    /** The pool's current sqrt price (Q64.96) and tick. */
    public record Slot0(BigInteger sqrtPriceX96, int tick) {}

    public Slot0 slot0(Pool pool) throws IOException {
        @SuppressWarnings("rawtypes")
        List<Type> r = chain.call(pool.address(), "slot0", List.of(new TypeReference<Uint160>() {}, new TypeReference<Int24>() {},
                new TypeReference<Uint16>() {}));
        return new Slot0((BigInteger) r.get(0).getValue(), ((BigInteger) r.get(1).getValue()).intValueExact());
    }

    public BigInteger liquidity(Pool pool) throws IOException {
        return (BigInteger) chain.call(pool.address(), "liquidity", List.of(new TypeReference<Uint128>() {})).getFirst().getValue();
    }

    /**
     * SwapRouter.exactInputSingle: sells up to {@code amountIn} of {@code tokenIn}, stopping early at
     * {@code sqrtPriceLimitX96} (the router then takes only what the pool used). The caller holds the tokens.
     */
    public TransactionReceipt exactInputSingle(Pool pool, String tokenIn, BigInteger amountIn, BigInteger minOut,
            BigInteger sqrtPriceLimitX96, String recipient) throws IOException {
        Erc20.approve(chain, tokenIn, router, amountIn);
        StaticStruct params = new StaticStruct(new Address(tokenIn), new Address(pool.other(tokenIn)), new Uint24(pool.fee()),
                new Address(recipient), new Uint256(FAR_FUTURE), new Uint256(amountIn), new Uint256(minOut),
                new Uint160(sqrtPriceLimitX96));
        return chain.send("V3 exactInputSingle", router, "exactInputSingle", params);
    }

    /** sqrt(price in raw units) · 2^96, rounded down; {@code price1Per0} in whole token1 per whole token0. */
    public static BigInteger sqrtPriceX96(BigDecimal price1Per0, int decimals0, int decimals1) {
        BigDecimal raw = price1Per0.movePointRight(decimals1 - decimals0);
        return raw.sqrt(new MathContext(80)).multiply(new BigDecimal(Q96)).toBigInteger();
    }

    /** The inverse of {@link #sqrtPriceX96}: whole token1 per whole token0. */
    public static BigDecimal price1Per0(BigInteger sqrtPriceX96, int decimals0, int decimals1) {
        BigDecimal s = new BigDecimal(sqrtPriceX96).divide(new BigDecimal(Q96), new MathContext(60));
        return s.multiply(s, new MathContext(60)).movePointLeft(decimals1 - decimals0);
    }
}
