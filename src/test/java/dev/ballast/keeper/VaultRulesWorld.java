package dev.ballast.keeper;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilOptions;
import dev.ballast.contracts.MockERC20;
import dev.ballast.contracts.MockPriceRouter;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.SettableVenue;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The real vault on Anvil for the differential tests: three MockERC20 assets (18, 6 and 8 decimals, 100 whole tokens
 * of each in every vault, targets 50/30/20 %), a MockPriceRouter and a SettableVenue whose prices the cases set, and
 * one vault per DriftMode twice: never rebalanced ({@code lastRebalance == 0}) and rebalanced once. Every vault holds
 * exactly 100 whole tokens of each asset (the rebalanced ones were funded so that their one trade ends there), so a
 * vault's value of asset i is exactly {@code 100 × price_i} and router prices steer its drift to the wei.
 */
final class VaultRulesWorld {
    static final BigInteger E18 = BigInteger.TEN.pow(18);
    static final int[] DECIMALS = {18, 6, 8};
    static final BigInteger[] TARGETS = {E18.divide(BigInteger.TWO), E18.multiply(BigInteger.valueOf(3)).divide(BigInteger.TEN),
        E18.divide(BigInteger.valueOf(5))};
    static final BigInteger BAND = E18.divide(BigInteger.valueOf(20));
    static final BigInteger MAX_SPOT_TWAP = E18.divide(BigInteger.valueOf(50));
    static final BigInteger MAX_ORACLE_VENUE = E18.multiply(BigInteger.valueOf(3)).divide(BigInteger.valueOf(100));
    static final long INTERVAL = 7_200;
    static final long COOLDOWN = 3_600;
    static final long TWAP_WINDOW = 1_800;
    private static final long TIMELOCK = 3_600;
    private static final ContractGasProvider GAS =
            new StaticGasProvider(BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(29_000_000));

    /** A deployed vault: its DriftMode ordinal and whether it has rebalanced once. */
    record Vault(String address, int mode, boolean rebalanced) {}

    final AnvilChain chain;
    final String keeper;
    final MockPriceRouter router;
    final SettableVenue venue;
    /** The same settable prices behind a venue keeping no TWAP (guaranteedWindow 0), allowed as spot-only. */
    final SettableVenue spotOnlyVenue;
    final List<String> assets = new ArrayList<>();
    final List<Vault> vaults = new ArrayList<>();
    private final java.util.Map<Integer, BigInteger> routerPrices = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<BigInteger>> venuePrices = new java.util.HashMap<>();

    private VaultRulesWorld(AnvilChain chain, MockPriceRouter router, SettableVenue venue, SettableVenue spotOnlyVenue) {
        this.chain = chain;
        this.keeper = chain.account(1).getAddress();
        this.router = router;
        this.venue = venue;
        this.spotOnlyVenue = spotOnlyVenue;
    }

    static VaultRulesWorld deploy(AnvilChain chain) throws Exception {
        Web3j web3j = chain.web3j();
        TransactionManager owner = fastTxManager(chain, 0);
        String ownerAddress = chain.account(0).getAddress();
        MockPriceRouter router = MockPriceRouter.deploy(web3j, owner, GAS).send();
        SettableVenue venue = SettableVenue.deploy(web3j, owner, GAS, router.getContractAddress(),
                BigInteger.valueOf(0xffffffffL)).send();
        SettableVenue spotOnly = SettableVenue.deploy(web3j, owner, GAS, router.getContractAddress(), BigInteger.ZERO).send();
        VaultRulesWorld world = new VaultRulesWorld(chain, router, venue, spotOnly);
        List<MockERC20> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            MockERC20 token = MockERC20.deploy(web3j, owner, GAS, "Asset" + i, "A" + i, BigInteger.valueOf(DECIMALS[i])).send();
            token.mint(ownerAddress, BigInteger.TEN.pow(40)).send();
            tokens.add(token);
            world.assets.add(token.getContractAddress());
        }
        world.setRouterPrices(TARGETS); // on target: weights 50/30/20 exactly
        // the setup trade of the rebalanced vaults: 1 token 0 for token 1 at the skewed router prices, filled fairly
        BigInteger[] skewed = {E18.multiply(BigInteger.valueOf(7)).divide(BigInteger.TEN), TARGETS[1], TARGETS[2]};
        BigInteger received = E18.multiply(skewed[0]).multiply(BigInteger.TEN.pow(DECIMALS[1]))
                .divide(skewed[1].multiply(BigInteger.TEN.pow(DECIMALS[0])));
        List<RebalancingVault> contracts = new ArrayList<>();
        for (int mode = 0; mode < 4; mode++) {
            for (boolean rebalanced : new boolean[] {false, true}) {
                RebalancingVault vault = RebalancingVault.deploy(web3j, owner, GAS, "Vault", "bV", router.getContractAddress(),
                        world.assets, List.of(TARGETS), params(mode), ownerAddress, ownerAddress, BigInteger.valueOf(TIMELOCK)).send();
                List<BigInteger> amounts = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    BigInteger hundred = BigInteger.valueOf(100).multiply(BigInteger.TEN.pow(DECIMALS[i]));
                    amounts.add(!rebalanced || i == 2 ? hundred : i == 0 ? hundred.add(E18) : hundred.subtract(received));
                    tokens.get(i).approve(vault.getContractAddress(), amounts.get(i)).send();
                }
                vault.deposit(amounts, BigInteger.ZERO, ownerAddress).send();
                // allowing a venue and adding a keeper both wait the vault's timelock
                vault.propose(vault.getContractAddress(), call("setVenue", venue.getContractAddress())).send();
                vault.propose(vault.getContractAddress(), call("setVenue", spotOnly.getContractAddress())).send();
                vault.propose(vault.getContractAddress(), call("setKeeper", world.keeper)).send();
                contracts.add(vault);
                world.vaults.add(new Vault(vault.getContractAddress(), mode, rebalanced));
            }
        }
        chain.rpc().increaseTime(TIMELOCK + 1);
        for (RebalancingVault vault : contracts) {
            vault.execute(vault.getContractAddress(), call("setVenue", venue.getContractAddress()), BigInteger.ONE).send();
            vault.execute(vault.getContractAddress(), call("setVenue", spotOnly.getContractAddress()), BigInteger.TWO).send();
            vault.execute(vault.getContractAddress(), call("setKeeper", world.keeper), BigInteger.valueOf(3)).send();
        }
        // push asset 0 out of band, sell one token of it in the vaults meant to have rebalanced, then back on target
        world.setRouterPrices(skewed);
        BigInteger cross = skewed[0].multiply(E18).divide(skewed[1]);
        world.setVenuePrices(0, 1, cross, cross);
        for (int v = 0; v < contracts.size(); v++) {
            if (!world.vaults.get(v).rebalanced()) continue;
            RebalancingVault asKeeper = RebalancingVault.load(contracts.get(v).getContractAddress(), web3j, fastTxManager(chain, 1), GAS);
            asKeeper.rebalance(List.of(new RebalancingVault.Leg(venue.getContractAddress(), world.assets.get(0),
                    world.assets.get(1), E18))).send();
        }
        world.setRouterPrices(TARGETS);
        List<BigInteger> hundreds = List.of(BigInteger.valueOf(100).multiply(E18), BigInteger.valueOf(100_000_000),
                BigInteger.valueOf(10_000_000_000L));
        for (RebalancingVault vault : contracts) {
            if (!vault.balances().send().equals(hundreds)) throw new IllegalStateException("vault balances " + vault.balances().send());
        }
        return world;
    }

    /** Band 5 %, interval 2 h, cooldown 1 h, slippage 1 %, whole NAV per call, TWAP 30 min, guards 2 % / 3 %. */
    static RebalancingVault.Params params(int mode) {
        return new RebalancingVault.Params(BAND, BigInteger.valueOf(mode), BigInteger.valueOf(INTERVAL),
                BigInteger.valueOf(COOLDOWN), E18.divide(BigInteger.valueOf(100)), E18, BigInteger.valueOf(TWAP_WINDOW),
                MAX_SPOT_TWAP, MAX_ORACLE_VENUE, BigInteger.ZERO);
    }

    /** Sets the router's prices, sending only the ones that change. */
    void setRouterPrices(BigInteger[] prices) throws Exception {
        for (int i = 0; i < prices.length; i++) {
            if (!prices[i].equals(routerPrices.put(i, prices[i]))) router.setPrice(assets.get(i), prices[i]).send();
        }
    }

    /** Sets both venues' spot and TWAP of (from, to), or makes them revert (null spot), when they change. */
    void setVenuePrices(int from, int to, BigInteger spot, BigInteger twap) throws Exception {
        List<BigInteger> quote = spot == null ? List.of() : List.of(spot, twap);
        if (quote.equals(venuePrices.put(from * 3 + to, quote))) return;
        for (SettableVenue v : List.of(venue, spotOnlyVenue)) {
            if (spot == null) {
                v.unset(assets.get(from), assets.get(to)).send();
            } else {
                v.setPrices(assets.get(from), assets.get(to), spot, twap).send();
            }
        }
    }

    /** Polls for receipts every 2 ms (Anvil mines at once; the default 50 ms would dominate hundreds of cases). */
    private static TransactionManager fastTxManager(AnvilChain chain, int account) {
        return new RawTransactionManager(chain.web3j(), chain.account(account), AnvilOptions.DEFAULT_CHAIN_ID,
                new PollingTransactionReceiptProcessor(chain.web3j(), 2, 5_000));
    }

    private static byte[] call(String function, String address) {
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(
                new Function(function, List.of(new Address(address), new Bool(true)), List.of())));
    }
}
