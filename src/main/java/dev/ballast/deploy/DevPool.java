package dev.ballast.deploy;

import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.WeightedPool;
import dev.ballast.contracts.WeightedPoolFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * A weighted pool of freshly minted test tokens on a dev chain (Anvil): what the demo, the gas benchmark and the
 * integration tests start from. Never used against a real network: the tokens are open-mint mocks.
 */
public record DevPool(WeightedPoolFactory factory, WeightedPool pool, List<MockERC20> tokens, List<DevToken> specs) {

    /** A test token: symbol, decimals, the initial pool balance in whole tokens and the pool weight (1e18 = 100%). */
    public record DevToken(String symbol, int decimals, String poolBalance, BigInteger weight) {}

    public static final BigInteger FAR_FUTURE = BigInteger.valueOf(Long.MAX_VALUE);

    /**
     * Deploys the tokens, a factory and a pool, mints {@code poolBalance × mintMultiple} of each token to the deployer,
     * approves the pool for all of it and makes the first join with the pool balances.
     */
    public static DevPool deploy(Web3j web3j, TransactionManager tm, ContractGasProvider gas, String deployer,
            List<DevToken> specs, BigInteger swapFee, int mintMultiple) throws Exception {
        WeightedPoolFactory factory = WeightedPoolFactory.deploy(web3j, tm, gas).send();
        List<MockERC20> tokens = new ArrayList<>();
        for (DevToken spec : specs) {
            tokens.add(MockERC20.deploy(web3j, tm, gas, spec.symbol() + " (test)", spec.symbol(),
                    BigInteger.valueOf(spec.decimals())).send());
        }
        TransactionReceipt created = factory.create("Ballast " + symbols(specs) + " pool", "BLP",
                tokens.stream().map(MockERC20::getContractAddress).toList(),
                specs.stream().map(DevToken::weight).toList(), swapFee).send();
        String poolAddress = WeightedPoolFactory.getPoolCreatedEvents(created).getFirst().pool;
        WeightedPool pool = WeightedPool.load(poolAddress, web3j, tm, gas);
        List<BigInteger> initial = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            BigInteger amount = TokenAmounts.toRaw(specs.get(i).poolBalance(), specs.get(i).decimals());
            initial.add(amount);
            tokens.get(i).mint(deployer, amount.multiply(BigInteger.valueOf(mintMultiple))).send();
            tokens.get(i).approve(poolAddress, amount.multiply(BigInteger.valueOf(mintMultiple))).send();
        }
        pool.joinPool(BigInteger.ZERO, initial, deployer, FAR_FUTURE).send();
        return new DevPool(factory, pool, tokens, specs);
    }

    public String address(int token) {
        return tokens.get(token).getContractAddress();
    }

    private static String symbols(List<DevToken> specs) {
        return String.join("/", specs.stream().map(DevToken::symbol).toList());
    }
}
