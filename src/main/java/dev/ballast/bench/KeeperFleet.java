package dev.ballast.bench;

import dev.ballast.anvil.AnvilRpc;
import dev.ballast.contracts.BatchRebalancer;
import dev.ballast.contracts.MockAggregator;
import dev.ballast.contracts.PriceRouter;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.deploy.Arbitrageur;
import dev.ballast.deploy.DevGas;
import dev.ballast.deploy.DevStack;
import dev.ballast.deploy.DevStack.DevAsset;
import dev.ballast.deploy.TokenAmounts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.TransactionManager;

/**
 * Many keeper-managed vaults on a dev chain, deployed cheaply: a few full {@link DevStack}s (pool, feeds, router,
 * venue, one vault each) and the remaining vaults spread over them, sharing each stack's price sources, venue and
 * pool. Each extra vault gets its own router over those sources (a vault prices only through a router it owns, so
 * that no source changes without its timelock). Every vault is a real, funded vault that took its router, its venue
 * and the keeper through its timelock, so the keeper can rebalance any of them. One extra vault per stack goes out as
 * pipelined raw transactions ({@link RawPipeline}); the rest are copies of those ({@link VaultCloner}: code and storage
 * set through Anvil, no transaction per vault), which read and trade exactly as the template does. Deploying each of
 * 1,000 vaults through its constructor and timelock took 18 transactions per vault, 6 minutes on a quiet 2-core
 * machine and 39 under load; copying them takes seconds.
 */
final class KeeperFleet {
    static final BigInteger QUARTER = BigInteger.TEN.pow(18).divide(BigInteger.valueOf(4));
    static final List<DevAsset> ASSETS = List.of(
            new DevAsset("USDC", 6, new BigDecimal("1"), QUARTER, QUARTER),
            new DevAsset("WETH", 18, new BigDecimal("3000"), QUARTER, QUARTER),
            new DevAsset("WBTC", 8, new BigDecimal("60000"), QUARTER, QUARTER),
            new DevAsset("LINK", 18, new BigDecimal("15"), QUARTER, QUARTER));
    static final BigDecimal BAND = new BigDecimal("0.05");
    /** Large pools: a burst of every vault rebalancing through one pool should not move it towards the TWAP guard. */
    static final BigDecimal POOL_USD = new BigDecimal("1000000000");
    static final BigDecimal VAULT_USD = new BigDecimal("50000");
    /** WETH alternates between these feed prices, so every shock pushes the vaults out of their band. */
    static final List<BigDecimal> WETH_PRICES = List.of(new BigDecimal("4800"), new BigDecimal("3000"));

    private final Web3j web3j;
    private final AnvilRpc rpc;
    private final String deployer;
    private final List<DevStack> stacks;
    private final List<Vault> vaults;
    /** Per stack, the BatchRebalancer over its venue that every vault allowed and made a keeper; empty without. */
    private final List<String> batches;
    private final Credentials deployerCredentials;
    private final long chainId;
    private int shocks;

    /** A vault and the stack (pool, router, venue) it trades in. */
    record Vault(String address, int stack) {}

    private KeeperFleet(Web3j web3j, AnvilRpc rpc, Credentials deployer, long chainId, List<DevStack> stacks,
            List<Vault> vaults, List<String> batches) {
        this.deployerCredentials = deployer;
        this.chainId = chainId;
        this.web3j = web3j;
        this.rpc = rpc;
        this.deployer = deployer.getAddress();
        this.stacks = stacks;
        this.vaults = vaults;
        this.batches = batches;
    }

    /** Deploys {@code vaultCount} vaults over {@code poolCount} stacks, with {@code keeper} allowed to rebalance. */
    static KeeperFleet deploy(Web3j web3j, AnvilRpc rpc, TransactionManager tm, Credentials deployer, long chainId,
            String keeper, int vaultCount, int poolCount) throws Exception {
        return deploy(web3j, rpc, tm, deployer, chainId, keeper, vaultCount, poolCount, false);
    }

    /**
     * As {@link #deploy(Web3j, AnvilRpc, TransactionManager, Credentials, long, String, int, int)}; with {@code batch},
     * each stack also gets a BatchRebalancer over its venue, operated by {@code keeper}, which every vault allows as a
     * venue and makes a keeper in the same timelock round.
     */
    static KeeperFleet deploy(Web3j web3j, AnvilRpc rpc, TransactionManager tm, Credentials deployer, long chainId,
            String keeper, int vaultCount, int poolCount, boolean batch) throws Exception {
        return deploy(web3j, rpc, tm, deployer, chainId, keeper, vaultCount, poolCount, batch, List.of());
    }

    /**
     * As above; {@code moreKeepers} are made keepers of every vault too (in each template's first timelock round and
     * one more round shared by the stacks' own vaults), so several keeper processes, each with its own signer, can share a
     * fleet of copies without a timelock round per copy ({@link #addKeepers} costs two transactions per vault and
     * keeper).
     */
    static KeeperFleet deploy(Web3j web3j, AnvilRpc rpc, TransactionManager tm, Credentials deployer, long chainId,
            String keeper, int vaultCount, int poolCount, boolean batch, List<String> moreKeepers) throws Exception {
        List<String> keepers = new ArrayList<>(List.of(keeper));
        keepers.addAll(moreKeepers);
        int pools = Math.max(1, Math.min(poolCount, vaultCount));
        List<DevStack> stacks = new ArrayList<>();
        List<String> batches = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            DevStack stack = DevStack.deploy(web3j, rpc, tm, DevGas.provider(chainId), deployer.getAddress(), keeper, ASSETS,
                    DevStack.defaultParams(BAND), POOL_USD, VAULT_USD);
            stacks.add(stack);
            if (batch) {
                BatchRebalancer b = BatchRebalancer.deploy(web3j, tm, DevGas.provider(chainId),
                        stack.venue().getContractAddress(), deployer.getAddress()).send();
                b.setOperator(keeper, true).send();
                batches.add(b.getContractAddress());
                DevStack.govern(stack.vault(), rpc, batchChanges(stack.vault().getContractAddress(), b.getContractAddress()));
            }
        }
        if (!moreKeepers.isEmpty()) addStackKeepers(stacks, rpc, moreKeepers);
        // each stack's timelock rounds moved the clock an hour: with many stacks the first feeds near their heartbeat
        for (DevStack stack : stacks) {
            for (int i = 0; i < ASSETS.size(); i++) stack.setFeedPrice(i, ASSETS.get(i).usdPrice());
        }
        List<Vault> vaults = new ArrayList<>();
        for (int i = 0; i < pools; i++) vaults.add(new Vault(stacks.get(i).vault().getContractAddress(), i));
        int extra = vaultCount - pools;
        if (extra > 0) {
            // one vault per stack through its constructor, timelock and deposit; the rest are copies of those
            List<Vault> templates = deployExtra(web3j, rpc, deployer, chainId, keepers, stacks, batches,
                    Math.min(extra, pools), DevStack.defaultParams(BAND), List.of());
            vaults.addAll(templates);
            vaults.addAll(copies(web3j, rpc.service(), deployer.getAddress(), stacks, templates, extra - templates.size()));
        }
        return new KeeperFleet(web3j, rpc, deployer, chainId, stacks, vaults, List.copyOf(batches));
    }

    /** Makes {@code keepers} keepers of every stack's own vault in one timelock round for all stacks. */
    private static void addStackKeepers(List<DevStack> stacks, AnvilRpc rpc, List<String> keepers) throws Exception {
        List<BigInteger> nonces = new ArrayList<>();
        for (DevStack stack : stacks) {
            for (String k : keepers) {
                var proposed = stack.vault().propose(stack.vault().getContractAddress(),
                        DevStack.call("setKeeper", new Address(k), new Bool(true))).send();
                nonces.add(RebalancingVault.getChangeProposedEvents(proposed).getFirst().nonce);
            }
        }
        rpc.increaseTime(DevStack.TIMELOCK_DELAY + 1);
        rpc.mine(1);
        int n = 0;
        for (DevStack stack : stacks) {
            for (String k : keepers) {
                stack.vault().execute(stack.vault().getContractAddress(), DevStack.call("setKeeper", new Address(k),
                        new Bool(true)), nonces.get(n++)).send();
            }
        }
    }

    /**
     * {@code count} copies of {@code templates} ({@link VaultCloner}), copy {@code j} on stack {@code j % stacks}, so
     * the stacks share the fleet as evenly as a normally deployed fleet does.
     */
    private static List<Vault> copies(Web3j web3j, Web3jService service, String funder, List<DevStack> stacks,
            List<Vault> templates, int count) throws Exception {
        if (count <= 0) return List.of();
        List<VaultCloner.Template> specs = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int t = 0; t < templates.size(); t++) {
            DevStack stack = stacks.get(templates.get(t).stack());
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < ASSETS.size(); i++) tokens.add(stack.asset(i));
            specs.add(new VaultCloner.Template(templates.get(t).address(), routerOf(web3j, templates.get(t).address()),
                    funder, tokens));
            counts.add(count / templates.size() + (t < count % templates.size() ? 1 : 0));
        }
        List<List<VaultCloner.Copy>> made = new VaultCloner(web3j, service).copy(specs, counts, Long.toString(System.nanoTime()));
        List<Vault> vaults = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            int t = j % templates.size();
            vaults.add(new Vault(made.get(t).get(j / templates.size()).vault(), templates.get(t).stack()));
        }
        return vaults;
    }

    private static String routerOf(Web3j web3j, String vault) throws Exception {
        String out = web3j.ethCall(Transaction.createEthCallTransaction(null,
                vault, encode("priceRouter")), DefaultBlockParameterName.LATEST).send().getValue();
        return "0x" + out.substring(out.length() - 40);
    }

    /** The BatchRebalancer of {@code stack}'s venue (fleets deployed with batch only). */
    String batch(int stack) {
        return batches.get(stack);
    }

    String venue(int stack) {
        return stacks.get(stack).venue().getContractAddress();
    }

    Web3j web3j() {
        return web3j;
    }

    AnvilRpc rpc() {
        return rpc;
    }

    private static List<DevStack.Change> batchChanges(String vault, String batch) {
        return List.of(new DevStack.Change(vault, DevStack.call("setVenue", new Address(batch), new Bool(true))),
                new DevStack.Change(vault, DevStack.call("setKeeper", new Address(batch), new Bool(true))));
    }

    List<DevStack> stacks() {
        return stacks;
    }

    List<Vault> vaults() {
        return vaults;
    }

    int pools() {
        return stacks.size();
    }

    /**
     * Moves WETH's feed to the next price of {@link #WETH_PRICES}, trades every pool to the feeds, refreshes the
     * other feeds (they would go stale over many shocks) and lets a TWAP window and the vaults' cooldown pass in one
     * mined block: afterwards every vault is out of its band and may trade.
     */
    void shock() throws Exception {
        BigDecimal weth = WETH_PRICES.get(shocks++ % WETH_PRICES.size());
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 0; i < ASSETS.size(); i++) prices.add(i == 1 ? weth : ASSETS.get(i).usdPrice());
        for (DevStack stack : stacks) {
            for (int i = 0; i < ASSETS.size(); i++) stack.setFeedPrice(i, prices.get(i));
            Arbitrageur arb = new Arbitrageur(stack.pool(), deployer);
            for (int i = 0; i < 8 && !arb.trade(prices).isEmpty(); i++) { /* until the pool quotes the feeds */ }
        }
        rpc.increaseTime(DevStack.TWAP_WINDOW + 60);
        rpc.mine(1);
    }

    /**
     * The same shock as {@link #shock()} in two blocks, so that no block shows a feed that its pool's TWAP has not
     * caught up with. {@link #shock()} sends each feed and swap as its own block: at 10,000 vaults, with keepers reading
     * every block, its ~100 blocks took minutes, and in each of them the moved feeds disagreed with their pools' TWAP by
     * up to 60%, so the router refused every vault of those stacks with {@code SourcesDisagree} (that was the "every
     * vault refused" of the first 10,000-vault run). Here, with automine off: block A carries every pool's swap (the
     * feeds and the TWAPs still agree on the old prices; only the spot moved); block B, a TWAP window and the cooldown
     * later, carries every feed update, so feeds and TWAPs agree on the new prices from the block they change. Needs a
     * block gas limit for ~5 transactions per pool of 3M gas each (the scale bench starts Anvil with one).
     */
    void shockInTwoBlocks() throws Exception {
        BigDecimal weth = WETH_PRICES.get(shocks++ % WETH_PRICES.size());
        List<BigDecimal> prices = new ArrayList<>();
        for (int i = 0; i < ASSETS.size(); i++) prices.add(i == 1 ? weth : ASSETS.get(i).usdPrice());
        RawPipeline pipe = new RawPipeline(web3j, rpc, deployerCredentials, chainId);
        List<String> swaps = new ArrayList<>();
        List<String> feeds = new ArrayList<>();
        rpc.setAutomine(false);
        try {
            for (DevStack stack : stacks) {
                Arbitrageur arb = new Arbitrageur(stack.pool(), deployer);
                for (Arbitrageur.Swap swap : arb.plan(prices)) {
                    swaps.add(pipe.call(stack.weightedPool().getContractAddress(), swap.call().encodeFunctionCall()).hash());
                }
            }
            rpc.mine(1);
            pipe.awaitAllOk(swaps, "shock swaps");
            for (DevStack stack : stacks) {
                for (int i = 0; i < ASSETS.size(); i++) {
                    feeds.add(setAnswer(pipe, stack.feeds().get(i), prices.get(i)));
                }
                feeds.add(setAnswer(pipe, stack.quoteSecondFeed(), prices.getFirst()));
            }
            rpc.increaseTime(DevStack.TWAP_WINDOW + 60);
            rpc.mine(1);
        } finally {
            rpc.setAutomine(true);
        }
        pipe.awaitAllOk(feeds, "shock feed updates");
    }

    private static String setAnswer(RawPipeline pipe, MockAggregator feed, BigDecimal usd) throws Exception {
        return pipe.call(feed.getContractAddress(), feed.setAnswer(DevStack.feedAnswer(usd)).encodeFunctionCall()).hash();
    }

    /**
     * Makes each of {@code keepers} a keeper of every vault too (one timelock round: propose, wait, execute), so several
     * keeper processes, each with its own signer, can share the fleet.
     */
    void addKeepers(List<String> keepers) throws Exception {
        RawPipeline pipe = new RawPipeline(web3j, rpc, deployerCredentials, chainId);
        List<String> proposals = new ArrayList<>();
        List<Long> firstIds = new ArrayList<>();
        for (Vault v : vaults) {
            firstIds.add(proposalCount(v.address()) + 1);
            for (String k : keepers) {
                proposals.add(pipe.call(v.address(), encode("propose", new Address(v.address()), new DynamicBytes(
                        DevStack.call("setKeeper", new Address(k), new Bool(true))))).hash());
            }
        }
        pipe.awaitAllOk(proposals, "keeper proposals");
        rpc.increaseTime(DevStack.TIMELOCK_DELAY + 1);
        rpc.mine(1);
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < vaults.size(); i++) {
            for (int k = 0; k < keepers.size(); k++) {
                executions.add(pipe.call(vaults.get(i).address(), encode("execute", new Address(vaults.get(i).address()),
                        new DynamicBytes(DevStack.call("setKeeper", new Address(keepers.get(k)), new Bool(true))),
                        new Uint256(firstIds.get(i) + k))).hash());
            }
        }
        pipe.awaitAllOk(executions, "keeper changes");
    }

    private long proposalCount(String vault) throws Exception {
        String out = web3j.ethCall(Transaction.createEthCallTransaction(deployer,
                vault, encode("proposalCount")), DefaultBlockParameterName.LATEST).send().getValue();
        return new BigInteger(out.substring(2), 16).longValueExact();
    }

    /** Whether the next {@link #shock()} moves WETH away from the price the vaults were first funded at. */
    boolean nextShockRaisesWeth() {
        return WETH_PRICES.get(shocks % WETH_PRICES.size()).compareTo(ASSETS.get(1).usdPrice()) != 0;
    }

    long blockNumber() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    /**
     * Per vault: a router over its stack's sources, the vault, the router offered to it, and three proposals (take the
     * router, allow the venue and {@code extraVenues}, add the keeper); after the timelock: execute them and make the
     * first deposit. Every vault takes {@code params}.
     */
    static List<Vault> deployExtra(Web3j web3j, AnvilRpc rpc, Credentials deployer, long chainId, String keeper,
            List<DevStack> stacks, List<String> batches, int count, RebalancingVault.Params params,
            List<String> extraVenues) throws Exception {
        return deployExtra(web3j, rpc, deployer, chainId, List.of(keeper), stacks, batches, count, params, extraVenues);
    }

    /** As above, with every one of {@code keepers} added in the same timelock round. */
    static List<Vault> deployExtra(Web3j web3j, AnvilRpc rpc, Credentials deployer, long chainId, List<String> keepers,
            List<DevStack> stacks, List<String> batches, int count, RebalancingVault.Params params,
            List<String> extraVenues) throws Exception {
        RawPipeline pipe = new RawPipeline(web3j, rpc, deployer, chainId);
        List<Vault> vaults = new ArrayList<>();
        List<String> routers = new ArrayList<>();
        List<String> deployments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int stack = i % stacks.size();
            RawPipeline.Sent router = pipe.create(PriceRouter.BINARY + FunctionEncoder.encodeConstructor(
                    List.of(new Address(deployer.getAddress()))));
            RawPipeline.Sent vault = pipe.create(vaultInitCode(stacks.get(stack), router.contract(), deployer.getAddress(), params));
            routers.add(router.contract());
            vaults.add(new Vault(vault.contract(), stack));
            deployments.add(router.hash());
            deployments.add(vault.hash());
        }
        pipe.awaitAllOk(deployments, "router and vault deployment");

        List<String> setup = new ArrayList<>();
        for (int v = 0; v < vaults.size(); v++) {
            Vault vault = vaults.get(v);
            DevStack stack = stacks.get(vault.stack());
            String router = routers.get(v);
            for (int i = 0; i < ASSETS.size(); i++) {
                setup.add(pipe.call(router, encode("setSources", new Address(stack.asset(i)),
                        new DynamicArray<>(Address.class, stack.sources().get(i).stream().map(Address::new).toList()),
                        new Uint8(2), new Uint256(new BigInteger("50000000000000000")))).hash());
            }
            setup.add(pipe.call(router, encode("transferOwnership", new Address(vault.address()))).hash());
            for (DevStack.Change c : changes(stack, router, vault.address(), keepers, batches, vault.stack(), extraVenues)) {
                setup.add(pipe.call(vault.address(), encode("propose", new Address(c.target()), new DynamicBytes(c.call()))).hash());
            }
            for (int i = 0; i < ASSETS.size(); i++) {
                setup.add(pipe.call(stack.asset(i), encode("approve", new Address(vault.address()),
                        new Uint256(BigInteger.TWO.pow(255)))).hash());
            }
        }
        pipe.awaitAllOk(setup, "router sources, hand-over, proposals and approvals");
        rpc.increaseTime(DevStack.TIMELOCK_DELAY + 1);
        rpc.mine(1);

        List<String> funding = new ArrayList<>();
        List<Uint256> deposit = depositAmounts();
        for (int v = 0; v < vaults.size(); v++) {
            Vault vault = vaults.get(v);
            List<DevStack.Change> changes = changes(stacks.get(vault.stack()), routers.get(v), vault.address(), keepers,
                    batches, vault.stack(), extraVenues);
            for (int k = 0; k < changes.size(); k++) {
                // a fresh vault numbers its proposals from 1
                funding.add(pipe.call(vault.address(), encode("execute", new Address(changes.get(k).target()),
                        new DynamicBytes(changes.get(k).call()), new Uint256(k + 1))).hash());
            }
            funding.add(pipe.call(vault.address(), encode("deposit", new DynamicArray<>(Uint256.class, deposit),
                    new Uint256(0), new Address(deployer.getAddress()))).hash());
        }
        pipe.awaitAllOk(funding, "timelocked changes and first deposit");
        return vaults;
    }

    /**
     * What a fresh vault's first timelock round does: take its router, allow the venues, add the keeper (and, in a
     * batch fleet, allow and add its stack's BatchRebalancer).
     */
    private static List<DevStack.Change> changes(DevStack stack, String router, String vault, List<String> keepers,
            List<String> batches, int stackIndex, List<String> extraVenues) {
        List<DevStack.Change> changes = new ArrayList<>(List.of(new DevStack.Change(router, DevStack.call("acceptOwnership")),
                new DevStack.Change(vault, DevStack.call("setVenue", new Address(stack.venue().getContractAddress()), new Bool(true)))));
        for (String k : keepers) changes.add(new DevStack.Change(vault, DevStack.call("setKeeper", new Address(k), new Bool(true))));
        for (String v : extraVenues) changes.add(new DevStack.Change(vault, DevStack.call("setVenue", new Address(v), new Bool(true))));
        if (!batches.isEmpty()) changes.addAll(batchChanges(vault, batches.get(stackIndex)));
        return changes;
    }

    private static String vaultInitCode(DevStack stack, String router, String owner, RebalancingVault.Params params) {
        List<Address> assets = new ArrayList<>();
        List<Uint256> weights = new ArrayList<>();
        for (int i = 0; i < ASSETS.size(); i++) {
            assets.add(new Address(stack.asset(i)));
            weights.add(new Uint256(ASSETS.get(i).vaultWeight()));
        }
        return RebalancingVault.BINARY + FunctionEncoder.encodeConstructor(List.of(
                new Utf8String("Ballast bench vault"), new Utf8String("bBENCH"),
                new Address(router),
                new DynamicArray<>(Address.class, assets), new DynamicArray<>(Uint256.class, weights),
                params, new Address(owner), new Address(owner),
                new Uint256(DevStack.TIMELOCK_DELAY)));
    }

    /** VAULT_USD at the target weights and the assets' prices at deployment, as {@link DevStack#depositUsd} does. */
    private static List<Uint256> depositAmounts() {
        List<Uint256> amounts = new ArrayList<>();
        for (DevAsset a : ASSETS) {
            BigDecimal units = VAULT_USD.multiply(TokenAmounts.fromWad(a.vaultWeight()))
                    .divide(a.usdPrice(), a.decimals(), RoundingMode.DOWN);
            amounts.add(new Uint256(TokenAmounts.toRaw(units, a.decimals())));
        }
        return amounts;
    }

    @SuppressWarnings("rawtypes")
    private static String encode(String name, Type... args) {
        return FunctionEncoder.encode(new Function(name, List.of(args), List.of()));
    }
}
