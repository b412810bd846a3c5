package dev.ballast.chain;

import static dev.ballast.chain.LensFixture.E18;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilChain;
import dev.ballast.anvil.AnvilExtension;
import dev.ballast.contracts.MockVenue;
import dev.ballast.contracts.RebalancingVault;
import dev.ballast.contracts.WeightedPool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(AnvilExtension.class)
class VaultReaderAnvilTest {
    private static FailoverRpc rpc(AnvilChain chain) {
        return new FailoverRpc(List.of(RpcEndpoint.http("anvil", chain.rpcUrl())), FailoverPolicy.defaults());
    }

    private static long height(AnvilChain chain) throws Exception {
        return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    @Test
    void readsTheDepositCapSetThroughTheTimelock(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        RebalancingVault vault = fx.vault(2, true);
        BigInteger cap = E18.multiply(BigInteger.valueOf(25_000));
        String call = org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("setDepositCap",
                List.of(new org.web3j.abi.datatypes.generated.Uint256(cap)), List.of()));
        var proposed = RebalancingVault.getChangeProposedEvents(vault.propose(vault.getContractAddress(),
                org.web3j.utils.Numeric.hexStringToByteArray(call)).send()).getFirst();
        chain.rpc().increaseTime(86_400 + 1);
        vault.execute(vault.getContractAddress(), proposed.call, proposed.nonce).send();

        try (FailoverRpc rpc = rpc(chain)) {
            VaultState v = new VaultReader(rpc, VaultReaderOptions.defaults())
                    .read(height(chain), List.of(vault.getContractAddress()), List.of()).vaults().getFirst();
            assertThat(v.complete()).as("unreadable: %s", v.unreadable()).isTrue();
            assertThat(v.depositCap()).isEqualTo(cap).isEqualTo(vault.depositCap().send());
            assertThat(v.totalSupply()).isLessThan(cap);
        }
    }

    @Test
    void readsOneVaultAndOnePoolInOneCallMatchingDirectViews(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        RebalancingVault vault = fx.vault(3, true);
        WeightedPool pool = fx.pool();
        fx.tokens.get(2).mint(vault.getContractAddress(), BigInteger.valueOf(123)).send(); // donation
        long block = height(chain);

        try (FailoverRpc rpc = rpc(chain)) {
            VaultReader reader = new VaultReader(rpc, VaultReaderOptions.defaults());
            ChainSnapshot snapshot = reader.read(block, List.of(vault.getContractAddress()),
                    List.of(new VaultReader.PoolQuery(pool.getContractAddress(), 1800)));

            assertThat(snapshot.ethCalls()).isEqualTo(1);
            assertThat(rpc.stats().calls("eth_call")).isEqualTo(1);
            assertThat(snapshot.blockNumber()).isEqualTo(block);
            assertThat(snapshot.chainId()).isEqualTo(31337);
            assertThat(snapshot.lensGas()).isPositive();

            VaultState v = snapshot.vaults().getFirst();
            assertThat(v.complete()).as("unreadable: %s", v.unreadable()).isTrue();
            assertThat(v.paused()).isFalse();
            assertThat(v.priceRouter()).isEqualToIgnoringCase(fx.router.getContractAddress());
            assertThat(v.totalSupply()).isEqualTo(vault.totalSupply().send());
            assertThat(v.depositCap()).as("deployed uncapped").isZero();
            assertThat(v.lastRebalance()).isEqualTo(vault.lastRebalance().send());
            assertThat(v.params().band()).isEqualTo(LensFixture.params().band);
            assertThat(v.params().twapWindow()).isEqualTo(1800);
            List<?> accounted = vault.balances().send();
            List<?> targets = vault.targetWeights().send();
            assertThat(v.assets()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                AssetState a = v.assets().get(i);
                assertThat(a.asset()).isEqualToIgnoringCase(fx.tokens.get(i).getContractAddress());
                assertThat(a.decimals()).isEqualTo(LensFixture.DECIMALS[i]);
                assertThat(a.tokenBalance()).isEqualTo(fx.tokens.get(i).balanceOf(vault.getContractAddress()).send());
                assertThat(a.accountedBalance()).isEqualTo(accounted.get(i));
                assertThat(a.targetWeight()).isEqualTo(targets.get(i));
                assertThat(a.routerPrice().price()).contains(LensFixture.PRICES[i]);
            }
            assertThat(v.assets().get(2).tokenBalance()).isEqualTo(v.assets().get(2).accountedBalance().add(BigInteger.valueOf(123)));

            PoolState p = snapshot.pools().getFirst();
            assertThat(p.unreadable()).isEmpty();
            assertThat(p.tokens()).hasSize(2);
            PoolState.PoolTokenState weth = p.tokens().get(1);
            assertThat(weth.balance()).isEqualTo(BigInteger.valueOf(1000).multiply(E18));
            assertThat(weth.weight()).isEqualTo(E18.divide(BigInteger.TWO));
            assertThat(weth.spot().price()).contains(pool.getSpotPrice(fx.tokens.get(0).getContractAddress(),
                    fx.tokens.get(1).getContractAddress()).send());
            assertThat(weth.twap().status()).as("fresh pool: window not covered").isEqualTo(PriceReading.Status.REVERTED);
            assertThat(weth.twap().revertSelector()).isPresent();
        }
    }

    @Test
    void allChunksReadTheRequestedBlockEvenAfterStateChanged(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < 6; i++) vaults.add(fx.vault(2 + i % 3, true).getContractAddress());
        long before = height(chain);
        fx.router.setPrice(fx.tokens.get(0).getContractAddress(), E18).send();
        fx.router.setFailing(fx.tokens.get(1).getContractAddress(), true).send();

        try (FailoverRpc rpc = rpc(chain)) {
            VaultReaderOptions tight = new VaultReaderOptions(30_000_000, 0.7, 4, 49_152, 10_000_000);
            VaultReader reader = new VaultReader(rpc, tight);
            ChainSnapshot old = reader.read(before, vaults, List.of());
            assertThat(old.ethCalls()).as("planned at 2 vaults per call, capped by the budget").isEqualTo(3);
            assertThat(rpc.stats().httpRequests()).as("chunks travel as one JSON-RPC batch").isEqualTo(1);
            assertThat(old.vaults()).allSatisfy(v -> assertThat(v.assets().getFirst().routerPrice().price())
                    .contains(LensFixture.PRICES[0]));

            ChainSnapshot now = reader.read(height(chain), vaults, List.of());
            assertThat(now.ethCalls()).as("learned the real gas: one call is enough").isEqualTo(1);
            assertThat(now.vaults()).allSatisfy(v -> {
                assertThat(v.assets().get(0).routerPrice().price()).contains(E18);
                assertThat(v.assets().get(1).routerPrice().status()).isEqualTo(PriceReading.Status.REVERTED);
                assertThat(v.assets().get(1).routerPrice().revertSelector()).isPresent();
            });
            assertThat(now.vaults()).extracting(VaultState::address).containsExactlyElementsOf(vaults);
            assertThat(now.vaults()).extracting(v -> v.assets().size()).containsExactly(2, 3, 4, 2, 3, 4);
        }
    }

    @Test
    void aReadThatRunsOutOfGasIsReadAgainInSmallerCallsAtTheSameBlock(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        List<String> vaults = new ArrayList<>();
        for (int i = 0; i < 24; i++) vaults.add(fx.vault(4, true).getContractAddress());
        long at = height(chain);
        try (FailoverRpc rpc = rpc(chain)) {
            ChainSnapshot reference = new VaultReader(rpc, VaultReaderOptions.defaults()).read(at, vaults, List.of());
            long perVault = reference.lensGas() / vaults.size();
            // a 1M-gas call holds fewer than all 24 vaults, and the reader starts out believing each costs 1 gas
            assertThat(perVault * vaults.size()).as("the fixture must overflow one 1M call").isGreaterThan(1_000_000);
            VaultReader naive = new VaultReader(rpc, new VaultReaderOptions(1_000_000, 1.0, 64, 49_152, 1));
            ChainSnapshot split = naive.read(at, vaults, List.of());
            assertThat(split.ethCalls()).as("re-planned into several calls").isGreaterThan(1);
            assertThat(split.vaults()).extracting(VaultState::address).containsExactlyElementsOf(vaults);
            assertThat(split.vaults()).usingRecursiveFieldByFieldElementComparator()
                    .containsExactlyElementsOf(reference.vaults());
        }
    }

    @Test
    void addressWithoutCodeIsFlaggedAndTheRestIsRead(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        RebalancingVault vault = fx.vault(2, false);
        String empty = "0x000000000000000000000000000000000000bEEF";
        try (FailoverRpc rpc = rpc(chain)) {
            ChainSnapshot snapshot = new VaultReader(rpc, VaultReaderOptions.defaults())
                    .read(height(chain), List.of(empty, vault.getContractAddress()), List.of());

            assertThat(snapshot.vaults().get(0).hasCode()).isFalse();
            assertThat(snapshot.vaults().get(0).complete()).isFalse();
            assertThat(snapshot.vaults().get(1).complete()).isTrue();
            assertThat(snapshot.vaults().get(1).totalSupply()).isZero();
        }
    }

    @Test
    void readsTheVenuesPricesOfEveryOrderedPairOverTheVaultsWindow(AnvilChain chain) throws Exception {
        LensFixture fx = new LensFixture(chain);
        RebalancingVault vault = fx.vault(3, true);
        MockVenue venue = MockVenue.deploy(fx.web3j, fx.tx, LensFixture.GAS, fx.router.getContractAddress()).send();
        venue.setFactors(E18, E18.add(BigInteger.valueOf(12_345)), E18.subtract(BigInteger.valueOf(678))).send();
        fx.router.setFailing(fx.tokens.get(2).getContractAddress(), true).send(); // the venue prices through the router
        try (FailoverRpc rpc = rpc(chain)) {
            List<VaultState> read = new VaultReader(rpc, VaultReaderOptions.defaults()).readWithVenues(height(chain),
                    List.of(new VaultReader.VaultQuery(vault.getContractAddress(), venue.getContractAddress()),
                            new VaultReader.VaultQuery(vault.getContractAddress(), null)), List.of()).vaults();
            assertThat(read.get(1).venue()).as("no venue asked for").isNull();
            assertThat(read.get(1).venuePrices()).isEmpty();
            VaultState v = read.getFirst();

            assertThat(v.venue()).isEqualToIgnoringCase(venue.getContractAddress());
            assertThat(v.venuePrices()).hasSize(6);
            for (int i = 0; i < 2; i++) {
                String base = fx.tokens.get(i).getContractAddress();
                String quote = fx.tokens.get(1 - i).getContractAddress();
                VaultState.VenuePrice p = v.venuePrice(base, quote).orElseThrow();
                assertThat(p.spot().price()).contains(venue.spotPrice(base, quote).send());
                assertThat(p.twap().price()).contains(venue.twapPrice(base, quote, BigInteger.valueOf(1_800)).send());
            }
            VaultState.VenuePrice failing = v.venuePrice(fx.tokens.get(2).getContractAddress(), fx.tokens.get(0).getContractAddress())
                    .orElseThrow();
            assertThat(failing.spot().status()).isEqualTo(PriceReading.Status.REVERTED);
            assertThat(failing.twap().revertSelector()).isPresent();
        }
    }
}
