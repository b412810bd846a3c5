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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * A fleet whose read needs more than four lens calls (the old fixed budget) is read completely, every call pinned to
 * the same block, in one JSON-RPC batch. The per-call cap is set low (a node or provider with a 2M eth_call gas cap)
 * so that a small fleet of copies ({@link VaultCloner}) needs as many calls as 1,000 vaults do at 30M. Read after read
 * the plan settles and never runs out of gas: planned from the lens's own gas figure alone, which leaves out the
 * ~225k each call pays before the lens runs (11% of 2M), this fleet's third read went out in 7 calls that ran out of
 * gas and was read again in 14 (the 12 calls once seen at 56 vaults), one read in three.
 */
class LargeFleetReadTest {
    private static final long CHAIN_ID = 31337;
    private static final long CAP = 2_000_000;

    @Test
    void aFleetNeedingMoreThanFourCallsIsReadCompletelyAtOneBlockReadAfterRead() throws Exception {
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            HttpService service = new HttpService(anvil.rpcUrl());
            Web3j web3j = Web3j.build(service);
            Credentials deployer = DevAccounts.get(0);
            KeeperFleet fleet = KeeperFleet.deploy(web3j, new AnvilRpc(service), DevGas.txManager(web3j, deployer, CHAIN_ID),
                    deployer, CHAIN_ID, DevAccounts.get(1).getAddress(), 72, 1);
            List<String> vaults = fleet.vaults().stream().map(KeeperFleet.Vault::address).toList();
            List<VaultReader.PoolQuery> pools = List.of(
                    new VaultReader.PoolQuery(fleet.stacks().getFirst().weightedPool().getContractAddress(), 1800));
            long at = fleet.blockNumber();
            fleet.shock(); // every vault's prices move after `at`: a call that read a later block would differ

            try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", anvil.rpcUrl())), FailoverPolicy.defaults())) {
                ChainSnapshot reference = new VaultReader(rpc, VaultReaderOptions.defaults()).read(at, vaults, pools);
                assertThat(reference.lensGas()).as("the fleet must need more than four 2M calls")
                        .isGreaterThan(4 * CAP);
                VaultReader reader = new VaultReader(rpc, VaultReaderOptions.forNode(CAP, 64));
                List<Integer> calls = new ArrayList<>();
                for (int read = 0; read < 5; read++) {
                    long requests = rpc.stats().httpRequests();
                    ChainSnapshot s = reader.read(at, vaults, pools);
                    assertThat(rpc.stats().httpRequests() - requests)
                            .as("read %d: its calls travel as one batch, none out of gas and sent again (calls so far %s)",
                                    read, calls).isEqualTo(1);
                    assertThat(s.ethCalls()).as("calls sized from the gas, past the old 4").isGreaterThan(4);
                    assertThat(s.blockNumber()).isEqualTo(at);
                    assertThat(s.vaults()).extracting(VaultState::address).containsExactlyElementsOf(vaults);
                    assertThat(s.vaults()).allSatisfy(v -> assertThat(v.complete()).as("%s", v.unreadable()).isTrue());
                    assertThat(s.vaults()).usingRecursiveFieldByFieldElementComparator()
                            .containsExactlyElementsOf(reference.vaults());
                    assertThat(s.pools()).usingRecursiveFieldByFieldElementComparator()
                            .containsExactlyElementsOf(reference.pools());
                    calls.add(s.ethCalls());
                }
                // 85% of what each call's overhead leaves; one call more at most, as small calls each pay the lens's
                // cold reads of the shared router and pool again, which the one-call reference paid once
                int needed = (int) Math.ceil(reference.lensGas() / ((CAP - reader.callOverheadGas()) * 0.85));
                assertThat(calls.subList(2, calls.size())).as("settled from the measured gas (%d gas): %s",
                        reference.lensGas(), calls).containsOnly(calls.getLast());
                assertThat(calls.getLast()).isBetween(needed, needed + 1);
            }
            web3j.shutdown();
        }
    }
}
