package dev.ballast.chain;

import dev.ballast.anvil.AnvilOptions;
import dev.ballast.anvil.AnvilProcess;
import dev.ballast.anvil.DevAccounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * Prints what reading N vaults (+ P pools) costs per block on a local Anvil: eth_calls, HTTP requests, lens gas and
 * latency. Not a test. Usage: VaultReadBenchmark [vaults=1000] [pools=10] [assetsPerVault=4]
 */
public final class VaultReadBenchmark {
    public static void main(String[] args) throws Exception {
        int vaultCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int poolCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int assets = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults())) {
            Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
            RawTransactionManager tx = new RawTransactionManager(web3j, DevAccounts.get(0), AnvilOptions.DEFAULT_CHAIN_ID);
            LensFixture fx = new LensFixture(web3j, tx, DevAccounts.get(0).getAddress());
            long started = System.nanoTime();
            List<String> vaults = new ArrayList<>();
            for (int i = 0; i < vaultCount; i++) vaults.add(fx.vault(assets, i % 50 == 0).getContractAddress());
            List<VaultReader.PoolQuery> pools = new ArrayList<>();
            for (int i = 0; i < poolCount; i++) pools.add(new VaultReader.PoolQuery(fx.pool().getContractAddress(), 1800));
            System.out.printf("deployed %d vaults (%d assets each) and %d pools in %d s%n", vaultCount, assets, poolCount,
                    (System.nanoTime() - started) / 1_000_000_000);
            try (FailoverRpc rpc = new FailoverRpc(List.of(RpcEndpoint.http("anvil", anvil.rpcUrl())), FailoverPolicy.defaults())) {
                VaultReader reader = new VaultReader(rpc, VaultReaderOptions.defaults());
                long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
                long[] millis = new long[6];
                for (int round = 0; round < millis.length; round++) {
                    rpc.stats().reset();
                    long t0 = System.nanoTime();
                    ChainSnapshot snapshot = reader.read(block, vaults, pools);
                    millis[round] = (System.nanoTime() - t0) / 1_000_000;
                    long complete = snapshot.vaults().stream().filter(VaultState::complete).count();
                    System.out.printf("round %d: block %d, %d vaults (%d complete), %d pools: eth_calls=%d http=%d "
                                    + "lensGas=%,d (%,d per item) %d ms%n", round, block, snapshot.vaults().size(), complete,
                            snapshot.pools().size(), rpc.stats().calls("eth_call"), rpc.stats().httpRequests(),
                            snapshot.lensGas(), snapshot.lensGas() / Math.max(1, vaultCount + poolCount), millis[round]);
                }
                long[] warm = Arrays.copyOfRange(millis, 1, millis.length);
                Arrays.sort(warm);
                System.out.printf("median of warm rounds: %d ms%n", warm[warm.length / 2]);
            }
            web3j.shutdown();
        }
    }
}
