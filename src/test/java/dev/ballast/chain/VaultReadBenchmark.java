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
    /** Sends the deployments without waiting for each receipt (Anvil automines); addresses follow from the nonces. */
    private static List<String> deployVaults(Web3j web3j, String anvilUrl, LensFixture fx, int count, int assets) throws Exception {
        org.web3j.crypto.Credentials from = DevAccounts.get(0);
        java.math.BigInteger nonce = web3j.ethGetTransactionCount(from.getAddress(),
                org.web3j.protocol.core.DefaultBlockParameterName.PENDING).send().getTransactionCount();
        List<org.web3j.abi.datatypes.Address> assetList = new ArrayList<>();
        List<org.web3j.abi.datatypes.generated.Uint256> weights = new ArrayList<>();
        java.math.BigInteger each = LensFixture.E18.divide(java.math.BigInteger.valueOf(assets));
        for (int i = 0; i < assets; i++) {
            assetList.add(new org.web3j.abi.datatypes.Address(fx.tokens.get(i).getContractAddress()));
            weights.add(new org.web3j.abi.datatypes.generated.Uint256(
                    i == 0 ? LensFixture.E18.subtract(each.multiply(java.math.BigInteger.valueOf(assets - 1))) : each));
        }
        String init = dev.ballast.contracts.RebalancingVault.BINARY + org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(
                new org.web3j.abi.datatypes.Utf8String("Vault"), new org.web3j.abi.datatypes.Utf8String("bV"),
                new org.web3j.abi.datatypes.Address(fx.router.getContractAddress()),
                new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.Address.class, assetList),
                new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.generated.Uint256.class, weights),
                LensFixture.params(), new org.web3j.abi.datatypes.Address(fx.owner),
                new org.web3j.abi.datatypes.Address(fx.owner), new org.web3j.abi.datatypes.generated.Uint256(86_400)));
        List<String> addresses = new ArrayList<>();
        String lastHash = null;
        for (int i = 0; i < count; i++) {
            org.web3j.crypto.RawTransaction raw = org.web3j.crypto.RawTransaction.createContractTransaction(nonce,
                    LensFixture.GAS.getGasPrice(), LensFixture.GAS.getGasLimit(), java.math.BigInteger.ZERO, init);
            byte[] signed = org.web3j.crypto.TransactionEncoder.signMessage(raw, AnvilOptions.DEFAULT_CHAIN_ID, from);
            var sent = web3j.ethSendRawTransaction(org.web3j.utils.Numeric.toHexString(signed)).send();
            if (sent.hasError()) throw new IllegalStateException("deploy " + i + ": " + sent.getError().getMessage());
            lastHash = sent.getTransactionHash();
            addresses.add(org.web3j.crypto.ContractUtils.generateContractAddress(from.getAddress(), nonce));
            nonce = nonce.add(java.math.BigInteger.ONE);
        }
        if (lastHash != null) {
            var receipt = web3j.ethGetTransactionReceipt(lastHash).send().getTransactionReceipt();
            for (int tries = 0; receipt.isEmpty() && tries < 1200; tries++) {
                Thread.sleep(100);
                if (tries % 20 == 19) { // automine sometimes leaves the last queued transaction behind: mine it
                    new dev.ballast.anvil.AnvilRpc(new HttpService(anvilUrl)).mine(1);
                }
                receipt = web3j.ethGetTransactionReceipt(lastHash).send().getTransactionReceipt();
            }
            if (receipt.isEmpty() || !receipt.get().isStatusOK()) {
                var latest = web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send().getBlock();
                throw new IllegalStateException("last deploy failed: " + receipt.map(Object::toString).orElse("no receipt")
                        + "; mined nonce " + web3j.ethGetTransactionCount(from.getAddress(),
                                org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getTransactionCount()
                        + " of " + nonce + ", block " + latest.getNumber() + " baseFee " + latest.getBaseFeePerGasRaw()
                        + " gasUsed " + latest.getGasUsed());
            }
        }
        return addresses;
    }

    public static void main(String[] args) throws Exception {
        int vaultCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int poolCount = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int assets = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (AnvilProcess anvil = AnvilProcess.start(AnvilOptions.defaults()
                // full blocks of deployments would otherwise raise the base fee 12.5% a block, past any gas price
                .withExtraArgs("--block-base-fee-per-gas", "0"))) {
            Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
            RawTransactionManager tx = new RawTransactionManager(web3j, DevAccounts.get(0), AnvilOptions.DEFAULT_CHAIN_ID,
                    new org.web3j.tx.response.PollingTransactionReceiptProcessor(web3j, 20, 500));
            LensFixture fx = new LensFixture(web3j, tx, DevAccounts.get(0).getAddress());
            long started = System.nanoTime();
            List<String> vaults = new ArrayList<>();
            vaults.add(fx.vault(assets, true).getContractAddress()); // one funded vault; the rest are deployed fast
            for (int left = vaultCount - 1; left > 0; left -= 200) { // Anvil stalled on 1,000 queued at once
                vaults.addAll(deployVaults(web3j, anvil.rpcUrl(), fx, Math.min(200, left), assets));
            }
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
