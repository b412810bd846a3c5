package dev.ballast.deploy.protocols;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The real Balancer V2 on a dev chain, from {@code @balancer-labs/v2-deployments} (the April 2021 tasks: Authorizer,
 * Vault, WeightedPoolFactory, the code live on mainnet at 0xBA12222222228d8Ba445958a75a0704d566BF2C8). Pools are
 * created through the factory, seeded with a JoinKind.INIT join and swapped with {@code Vault.swap} (GIVEN_IN).
 */
public final class BalancerV2 {
    private static final String POOL_CREATED = Hash.sha3String("PoolCreated(address)");
    private static final BigInteger FAR_FUTURE = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MAX_UINT = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    private static final int JOIN_KIND_INIT = 0;
    private static final int GIVEN_IN = 0;

    private final RawChain chain;
    private final String authorizer;
    private final String vault;
    private final String factory;

    private BalancerV2(RawChain chain, String authorizer, String vault, String factory) {
        this.chain = chain;
        this.authorizer = authorizer;
        this.vault = vault;
        this.factory = factory;
    }

    /** Authorizer (the deployer is its admin), Vault (no pause window: a dev chain) and the weighted pool factory. */
    public static BalancerV2 deploy(RawChain chain, String weth) throws IOException {
        String authorizer = chain.deploy("deploy Balancer Authorizer", ProtocolArtifacts.balancer("20210418-authorizer", "Authorizer"),
                new Address(chain.from()));
        String vault = chain.deploy("deploy Balancer Vault", ProtocolArtifacts.balancer("20210418-vault", "Vault"),
                new Address(authorizer), new Address(weth), new Uint256(0), new Uint256(0));
        String factory = chain.deploy("deploy Balancer WeightedPoolFactory",
                ProtocolArtifacts.balancer("20210418-weighted-pool", "WeightedPoolFactory"), new Address(vault));
        return new BalancerV2(chain, authorizer, vault, factory);
    }

    public BalancerV2 as(RawChain other) {
        return new BalancerV2(other, authorizer, vault, factory);
    }

    public String vault() {
        return vault;
    }

    public String authorizer() {
        return authorizer;
    }

    public String factory() {
        return factory;
    }

    /** A weighted pool: its address, its id in the Vault, and its tokens in the Vault's (sorted) order. */
    public record Pool(String address, byte[] poolId, List<String> tokens) {
        public String poolIdHex() {
            return Numeric.toHexString(poolId);
        }
    }

    /** One token of a new pool with its weight (18 decimals; a pool's weights sum to 1e18) and first balance. */
    public record Member(String token, BigInteger weight, BigInteger initialBalance) {}

    /**
     * Creates a weighted pool through the factory (tokens sorted, as the Vault requires), owned by the deployer, and
     * seeds it with the INIT join from the deployer's tokens.
     */
    public Pool createPool(String name, String symbol, List<Member> members, BigInteger swapFee) throws IOException {
        List<Member> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing(m -> new BigInteger(m.token().substring(2), 16)));
        List<String> tokens = sorted.stream().map(Member::token).toList();
        TransactionReceipt created = chain.send("create Balancer weighted pool", factory, "create", new Utf8String(name),
                new Utf8String(symbol), addresses(tokens), uints(sorted.stream().map(Member::weight).toList()),
                new Uint256(swapFee), new Address(chain.from()));
        String pool = null;
        for (Log log : created.getLogs()) {
            if (log.getAddress().equalsIgnoreCase(factory) && log.getTopics().getFirst().equals(POOL_CREATED)) {
                pool = "0x" + log.getTopics().get(1).substring(26);
            }
        }
        if (pool == null) throw new RawChain.ProtocolCallException("the factory emitted no PoolCreated");
        byte[] poolId = (byte[]) chain.call(pool, "getPoolId", List.of(new TypeReference<Bytes32>() {})).getFirst().getValue();
        Pool out = new Pool(Keys.toChecksumAddress(pool), poolId, tokens);
        for (String t : tokens) Erc20.approve(chain, t, vault, MAX_UINT);
        List<BigInteger> amounts = sorted.stream().map(Member::initialBalance).toList();
        String userData = FunctionEncoder.encodeConstructor(List.of(new Uint256(JOIN_KIND_INIT), uints(amounts)));
        DynamicStruct request = new DynamicStruct(addresses(tokens), uints(amounts),
                new DynamicBytes(Numeric.hexStringToByteArray(userData)), new Bool(false));
        chain.send("INIT join of " + name, vault, "joinPool", new Bytes32(poolId), new Address(chain.from()),
                new Address(chain.from()), request);
        return out;
    }

    /** Vault.getPoolTokens: balances in the pool's token order (raw token units). */
    @SuppressWarnings("unchecked")
    public List<BigInteger> balances(Pool pool) throws IOException {
        @SuppressWarnings("rawtypes")
        List<Type> r = chain.call(vault, "getPoolTokens", List.of(new TypeReference<DynamicArray<Address>>() {},
                new TypeReference<DynamicArray<Uint256>>() {}, new TypeReference<Uint256>() {}), new Bytes32(pool.poolId()));
        return ((List<Uint256>) r.get(1).getValue()).stream().map(Uint256::getValue).toList();
    }

    @SuppressWarnings("unchecked")
    public List<BigInteger> weights(Pool pool) throws IOException {
        return ((List<Uint256>) chain.call(pool.address(), "getNormalizedWeights",
                List.of(new TypeReference<DynamicArray<Uint256>>() {})).getFirst().getValue()).stream().map(Uint256::getValue).toList();
    }

    public BigInteger swapFee(Pool pool) throws IOException {
        return chain.uint(pool.address(), "getSwapFeePercentage");
    }

    /** Vault.swap GIVEN_IN from the caller's tokens: at least {@code minOut} of {@code tokenOut} or a revert. */
    public TransactionReceipt swapGivenIn(Pool pool, String tokenIn, String tokenOut, BigInteger amountIn, BigInteger minOut,
            String recipient) throws IOException {
        Erc20.approve(chain, tokenIn, vault, amountIn);
        DynamicStruct single = new DynamicStruct(new Bytes32(pool.poolId()), new Uint8(GIVEN_IN), new Address(tokenIn),
                new Address(tokenOut), new Uint256(amountIn), new DynamicBytes(new byte[0]));
        StaticStruct funds = new StaticStruct(new Address(chain.from()), new Bool(false), new Address(recipient), new Bool(false));
        return chain.send("Balancer Vault.swap", vault, "swap", single, funds, new Uint256(minOut), new Uint256(FAR_FUTURE));
    }

    private static DynamicArray<Address> addresses(List<String> list) {
        return new DynamicArray<>(Address.class, list.stream().map(Address::new).toList());
    }

    private static DynamicArray<Uint256> uints(List<BigInteger> list) {
        return new DynamicArray<>(Uint256.class, list.stream().map(Uint256::new).toList());
    }
}
