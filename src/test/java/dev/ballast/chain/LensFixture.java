package dev.ballast.chain;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.MockPriceRouter;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.WeightedPool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/** Tokens, a settable price router, funded vaults and a joined pool on Anvil, deployed through the wrappers. */
final class LensFixture {
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final ContractGasProvider GAS = new StaticGasProvider(BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(29_000_000));
    static final BigInteger[] PRICES = {E18.multiply(BigInteger.valueOf(2000)), E18, E18.multiply(BigInteger.valueOf(30_000)), E18.multiply(BigInteger.valueOf(50))};
    static final int[] DECIMALS = {18, 6, 8, 18};

    final Web3j web3j;
    final TransactionManager tx;
    final String owner;
    final List<MockERC20> tokens = new ArrayList<>();
    final MockPriceRouter router;

    LensFixture(AnvilChain chain) throws Exception {
        this(chain.web3j(), chain.txManager(0), chain.account(0).getAddress());
    }

    LensFixture(Web3j web3j, TransactionManager tx, String owner) throws Exception {
        this.web3j = web3j;
        this.tx = tx;
        this.owner = owner;
        router = MockPriceRouter.deploy(web3j, tx, GAS).send();
        for (int i = 0; i < 4; i++) {
            MockERC20 token = MockERC20.deploy(web3j, tx, GAS, "Asset" + i, "A" + i, BigInteger.valueOf(DECIMALS[i])).send();
            token.mint(owner, BigInteger.TEN.pow(40)).send();
            router.setPrice(token.getContractAddress(), PRICES[i]).send();
            tokens.add(token);
        }
    }

    static RebalancingVault.Params params() {
        return new RebalancingVault.Params(BigInteger.valueOf(50_000_000_000_000_000L), BigInteger.ZERO,
                BigInteger.valueOf(7 * 86_400), BigInteger.valueOf(3_600), BigInteger.valueOf(10_000_000_000_000_000L),
                E18.divide(BigInteger.TWO), BigInteger.valueOf(1_800), BigInteger.valueOf(20_000_000_000_000_000L),
                BigInteger.valueOf(20_000_000_000_000_000L), BigInteger.valueOf(3_000_000_000_000_000L));
    }

    /** A vault over the first {@code assetCount} tokens at equal weights; {@code deposit} funds it with $10k each. */
    RebalancingVault vault(int assetCount, boolean deposit) throws Exception {
        List<String> assets = new ArrayList<>();
        List<BigInteger> weights = new ArrayList<>();
        BigInteger each = E18.divide(BigInteger.valueOf(assetCount));
        for (int i = 0; i < assetCount; i++) {
            assets.add(tokens.get(i).getContractAddress());
            weights.add(i == 0 ? E18.subtract(each.multiply(BigInteger.valueOf(assetCount - 1))) : each);
        }
        RebalancingVault vault = RebalancingVault.deploy(web3j, tx, GAS, "Vault", "bV", router.getContractAddress(),
                assets, weights, params(), owner, owner, BigInteger.valueOf(86_400)).send();
        if (deposit) {
            List<BigInteger> amounts = new ArrayList<>();
            for (int i = 0; i < assetCount; i++) {
                BigInteger amount = BigInteger.valueOf(10_000).multiply(BigInteger.TEN.pow(DECIMALS[i])).multiply(E18)
                        .divide(PRICES[i]);
                tokens.get(i).approve(vault.getContractAddress(), amount).send();
                amounts.add(amount);
            }
            vault.deposit(amounts, BigInteger.ZERO, owner).send();
        }
        return vault;
    }

    /** A 50/50 pool of token 1 (numeraire) and token 0, joined at 2000 token-1 per token 0. */
    WeightedPool pool() throws Exception {
        List<String> pair = List.of(tokens.get(1).getContractAddress(), tokens.get(0).getContractAddress());
        WeightedPool pool = WeightedPool.deploy(web3j, tx, GAS, "LP", "LP", pair, List.of(E18.divide(BigInteger.TWO),
                E18.divide(BigInteger.TWO)), BigInteger.valueOf(3_000_000_000_000_000L)).send();
        List<BigInteger> amounts = List.of(BigInteger.valueOf(2_000_000).multiply(BigInteger.TEN.pow(6)),
                BigInteger.valueOf(1000).multiply(E18));
        tokens.get(1).approve(pool.getContractAddress(), amounts.get(0)).send();
        tokens.get(0).approve(pool.getContractAddress(), amounts.get(1)).send();
        pool.joinPool(BigInteger.ZERO, amounts, owner, BigInteger.TWO.pow(255)).send();
        return pool;
    }
}
