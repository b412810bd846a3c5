package dev.ballast.deploy;

import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * EIP-1559 fees for deploying and driving contracts on a local dev chain. The gas limit is near a block's 30M because
 * the pool factory deploys a contract of close to 24 KB; Anvil's base fee starts at 1 gwei and only falls.
 */
public final class DevGas {
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private DevGas() {}

    /**
     * A signer that polls for receipts every 50 ms: web3j's default waits 15 s between polls, which a dev chain
     * mining in milliseconds turns into pure waiting.
     */
    public static TransactionManager txManager(Web3j web3j, Credentials credentials, long chainId) {
        return new RawTransactionManager(web3j, credentials, chainId,
                new PollingTransactionReceiptProcessor(web3j, 50, 1200));
    }

    public static ContractGasProvider provider(long chainId) {
        return new StaticEIP1559GasProvider(chainId, GWEI.multiply(BigInteger.TEN), GWEI, BigInteger.valueOf(29_000_000));
    }
}
