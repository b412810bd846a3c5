package dev.ballast.deploy.protocols;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint112;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The real Uniswap V2 factory (npm {@code @uniswap/v2-core} build) on a dev chain: pairs created through it, seeded
 * with a first mint, and swapped through {@code pair.swap} the way the router does (tokens in first, then the output
 * asked for; the pair checks its constant product after a 0.3% fee).
 */
public final class UniswapV2 {
    private final RawChain chain;
    private final String factory;

    private UniswapV2(RawChain chain, String factory) {
        this.chain = chain;
        this.factory = factory;
    }

    /** Deploys the factory with the deployer as feeToSetter (protocol fee off). */
    public static UniswapV2 deploy(RawChain chain) throws IOException {
        return new UniswapV2(chain, chain.deploy("deploy UniswapV2Factory", ProtocolArtifacts.uniswapV2Core("UniswapV2Factory"),
                new Address(chain.from())));
    }

    public String factory() {
        return factory;
    }

    /** Creates the pair of {@code a} and {@code b} and returns its address. */
    public String createPair(String a, String b) throws IOException {
        chain.send("createPair", factory, "createPair", new Address(a), new Address(b));
        return chain.address(factory, "getPair", new Address(a), new Address(b));
    }

    /** Adds liquidity the way the router does: the tokens go to the pair, then {@code mint} credits LP tokens. */
    public void addLiquidity(String pair, String tokenA, BigInteger amountA, String tokenB, BigInteger amountB) throws IOException {
        Erc20.transfer(chain, tokenA, pair, amountA);
        Erc20.transfer(chain, tokenB, pair, amountB);
        chain.send("mint LP", pair, "mint", new Address(chain.from()));
    }

    /** The pair's reserves in the order of {@code tokenIn}, {@code tokenOut}. */
    public Reserves reserves(String pair, String tokenIn) throws IOException {
        @SuppressWarnings("rawtypes")
        List<Type> r = chain.call(pair, "getReserves", List.of(new TypeReference<Uint112>() {}, new TypeReference<Uint112>() {},
                new TypeReference<Uint32>() {}));
        BigInteger r0 = (BigInteger) r.get(0).getValue();
        BigInteger r1 = (BigInteger) r.get(1).getValue();
        boolean zeroIn = chain.address(pair, "token0").equalsIgnoreCase(tokenIn);
        return zeroIn ? new Reserves(r0, r1) : new Reserves(r1, r0);
    }

    public record Reserves(BigInteger in, BigInteger out) {}

    /**
     * Sends {@code amountIn} of {@code tokenIn} to the pair and asks for {@code amountOut} of the other token: the pair
     * reverts ("UniswapV2: K") when that is more than its constant product after the fee allows.
     */
    public TransactionReceipt swap(String pair, String tokenIn, BigInteger amountIn, BigInteger amountOut, String to)
            throws IOException {
        boolean zeroIn = chain.address(pair, "token0").equalsIgnoreCase(tokenIn);
        Erc20.transfer(chain, tokenIn, pair, amountIn);
        return chain.send("swap on pair " + pair, pair, "swap", new Uint256(zeroIn ? BigInteger.ZERO : amountOut),
                new Uint256(zeroIn ? amountOut : BigInteger.ZERO), new Address(to), new DynamicBytes(new byte[0]));
    }

    /** UniswapV2Library.getAmountOut: the most {@code amountIn} can take out after the 0.3% fee, rounded down. */
    public static BigInteger amountOut(BigInteger amountIn, Reserves r) {
        BigInteger inWithFee = amountIn.multiply(BigInteger.valueOf(997));
        return inWithFee.multiply(r.out()).divide(r.in().multiply(BigInteger.valueOf(1000)).add(inWithFee));
    }
}
