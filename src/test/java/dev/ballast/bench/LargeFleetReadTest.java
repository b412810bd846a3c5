package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.AnvilRpc;
import dev.ballast.anvil.DevAccounts;
import dev.ballast.chain.ChainSnapshot;
import dev.ballast.chain.FailoverPolicy;
import dev.ballast.chain.FailoverRpc;
import dev.ballast.chain.RpcEndpoint;
import dev.ballast.chain.VaultReader;
import dev.ballast.chain.VaultReaderOptions;
import dev.ballast.chain.VaultState;
import dev.ballast.deploy.DevGas;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A fleet whose read needs more than four lens calls (the old fixed budget) is read completely, every call pinned to
 * the same block, in one JSON-RPC batch. The per-call cap is set low (a node or provider with a 2M eth_call gas cap)
 * so that a small fleet of copies ({@link VaultCloner}) needs as many calls as 1,000 vaults do at 30M.
 */
class LargeFleetReadTest {
    private static final long CHAIN_ID = 31337;

    @Test
    void aFleetNeedingMoreThanFourCallsIsReadCompletelyAtOneBlock() throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            Credentials deployer = DevAccounts.get(0);
            KeeperFleet fleet = KeeperFleet.deploy(web3j, new AnvilRpc(service), DevGas.txManager(web3j, deployer, CHAIN_ID),
                    deployer, CHAIN_ID, DevAccounts.get(1).getAddress(), 56, 1);
            List<String> vaults = fleet.vaults().stream().map(KeeperFleet.Vault::address).toList();
            List<VaultReader.PoolQuery> pools = List.of(
                    new VaultReader.PoolQuery(fleet.stacks().getFirst().weightedPool().getContractAddress(), 1800));
            long at = fleet.blockNumber();
            fleet.shock(); // every vault's prices move after `at`: a call that read a later block would differ

            try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", anvil.rpcUrl())), FailoverPolicy.defaults())) {
                ChainSnapshot reference = new VaultReader(rpc, VaultReaderOptions.defaults()).read(at, vaults, pools);
                assertThat(reference.lensGas()).as("the fleet must need more than four 2M calls")
                        .isGreaterThan(4 * 2_000_000L);
                VaultReader reader = new VaultReader(rpc, VaultReaderOptions.forNode(2_000_000, 64));
                ChainSnapshot first = reader.read(at, vaults, pools);
                long requests = rpc.stats().httpRequests();
                ChainSnapshot measured = reader.read(at, vaults, pools);

                for (ChainSnapshot s : List.of(first, measured)) {
                    assertThat(s.ethCalls()).as("calls sized from the gas, past the old 4").isGreaterThan(4);
                    assertThat(s.blockNumber()).isEqualTo(at);
                    assertThat(s.vaults()).extracting(VaultState::address).containsExactlyElementsOf(vaults);
                    assertThat(s.vaults()).allSatisfy(v -> assertThat(v.complete()).as("%s", v.unreadable()).isTrue());
                    assertThat(s.vaults()).usingRecursiveFieldByFieldElementComparator()
                            .containsExactlyElementsOf(reference.vaults());
                    assertThat(s.pools()).usingRecursiveFieldByFieldElementComparator()
                            .containsExactlyElementsOf(reference.pools());
                }
                int needed = (int) Math.ceil(reference.lensGas() / (2_000_000 * 0.85));
                assertThat(measured.ethCalls()).as("planned from the measured gas at ~85%% of each call (%d gas)",
                        reference.lensGas()).isBetween(needed, needed + 1);
                assertThat(rpc.stats().httpRequests() - requests).as("the calls of one block travel as one batch")
                        .isEqualTo(1);
            }
            web3j.shutdown();
        }
    }
}
