package dev.ballast.cli.pool;

import dev.ballast.cli.UserInputException;
import dev.ballast.deploy.DevGas;
import dev.ballast.tx.PreflightTransactionManager;
import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/** A connection to one chain for one command: the client, the chain id checked against --chain-id, the signer. */
final class Session implements AutoCloseable {
    /** Address calls are made from when no signer is needed. */
    private static final String NOBODY = "0x0000000000000000000000000000000000000000";
    private static final long DEV_CHAIN_ID = 31337;

    private final Web3j web3j;
    private final long chainId;
    private final ChainOptions options;
    private Credentials credentials;

    private Session(Web3j web3j, long chainId, ChainOptions options) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.options = options;
    }

    static Session open(ChainOptions options) {
        Web3j web3j = Web3j.build(new HttpService(options.rpc));
        try {
            long actual = web3j.ethChainId().send().getChainId().longValueExact();
            if (options.chainId != null && options.chainId != actual) {
                throw new UserInputException("--chain-id: expected chain " + options.chainId + " but the node at "
                        + options.rpc + " is on chain " + actual);
            }
            return new Session(web3j, actual, options);
        } catch (IOException e) {
            web3j.shutdown();
            throw new UserInputException("--rpc: cannot reach " + options.rpc + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    Web3j web3j() {
        return web3j;
    }

    long chainId() {
        return chainId;
    }

    boolean raw() {
        return options.raw;
    }

    /** The signer from the --key-env variable; the message never shows the variable's value. */
    Credentials signer() {
        if (credentials != null) return credentials;
        String key = Terminal.env(options.keyEnv);
        if (key == null || key.isBlank()) {
            throw new UserInputException("--key-env: environment variable " + options.keyEnv
                    + " is not set (it must hold the signer's private key, hex)");
        }
        String hex = Numeric.cleanHexPrefix(key.strip());
        if (!WalletUtils.isValidPrivateKey(hex)) {
            throw new UserInputException("--key-env: " + options.keyEnv + " does not hold a valid hex private key");
        }
        credentials = Credentials.create(hex);
        return credentials;
    }

    /** The signer's address when a key is configured, else null (for read-only commands). */
    String signerAddressIfAny() {
        String key = Terminal.env(options.keyEnv);
        return key == null || key.isBlank() ? null : signer().getAddress();
    }

    /** Every send simulates first and checks the signer's funds: see {@link PreflightTransactionManager}. */
    TransactionManager sender() {
        return new PreflightTransactionManager(web3j, signer(), chainId, chainId == DEV_CHAIN_ID ? 50 : 1000);
    }

    TransactionManager reader() {
        return new ReadonlyTransactionManager(web3j, NOBODY);
    }

    ContractGasProvider gas() {
        return DevGas.provider(chainId);
    }

    /** An address option, checked for form and, when {@code needsCode}, for a contract behind it. */
    String address(String field, String text, boolean needsCode) {
        if (text == null || !WalletUtils.isValidAddress(text.strip()) || Numeric.cleanHexPrefix(text.strip()).length() != 40) {
            throw new UserInputException(field + ": '" + text + "' is not an address (0x followed by 40 hex digits)");
        }
        String address = Numeric.prependHexPrefix(text.strip());
        if (needsCode) {
            try {
                String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
                if (code == null || Numeric.cleanHexPrefix(code).isEmpty()) {
                    throw new UserInputException(field + ": no contract at " + address + " on chain " + chainId);
                }
            } catch (IOException e) {
                throw new UserInputException("--rpc: cannot read code at " + address + ": " + e.getMessage(), e);
            }
        }
        return address;
    }

    /** Deadline for a transaction: the latest block's time plus {@code seconds}. */
    BigInteger deadline(long seconds) throws IOException {
        if (seconds <= 0) throw new UserInputException("--deadline: " + seconds + " must be > 0 seconds");
        BigInteger now = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp();
        return now.add(BigInteger.valueOf(seconds));
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
