package dev.ballast.tx;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetBalance;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * The one pre-send path of the commands that send through web3j wrappers (pause, unpause, the pool commands and their
 * approvals): before signing, the exact call (same from, to, value and data) is run with eth_call and estimated; a
 * revert is refused with the decoded error in human units, and a signer that cannot pay the gas is refused with its
 * balance and the amount needed, instead of the node's raw "insufficient funds" (-32003). Nothing is signed, so no
 * nonce is used and no gas is spent on a foreseeable failure. The gas limit sent is the estimate plus a margin, capped
 * at the wrapper's limit, so the funds a signer needs are what the call costs, not a block's worth.
 */
public final class PreflightTransactionManager extends RawTransactionManager {
    private static final int GAS_MARGIN_PERCENT = 25;
    private static final BigDecimal ETH = new BigDecimal(BigInteger.TEN.pow(18));

    private final Web3j web3j;
    private final RevertDecoder reverts = RevertDecoder.forBallast();
    private final ChainTokens tokens;

    /** Polls for receipts every {@code pollMillis} (a dev chain mines in milliseconds; mainnet every 12 s). */
    public PreflightTransactionManager(Web3j web3j, Credentials signer, long chainId, long pollMillis) {
        super(web3j, signer, chainId, new PollingTransactionReceiptProcessor(web3j, pollMillis,
                (int) Math.max(40, 600_000 / pollMillis)));
        this.web3j = web3j;
        this.tokens = new ChainTokens(web3j);
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(long chainId, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas,
            BigInteger gasLimit, String to, String data, BigInteger value, boolean constructor) throws IOException {
        BigInteger limit = preflight(to, data, value, gasLimit, maxFeePerGas);
        return super.sendEIP1559Transaction(chainId, maxPriorityFeePerGas, maxFeePerGas, limit, to, data, value, constructor);
    }

    @Override
    public EthSendTransaction sendTransaction(BigInteger gasPrice, BigInteger gasLimit, String to, String data,
            BigInteger value, boolean constructor) throws IOException {
        BigInteger limit = preflight(to, data, value, gasLimit, gasPrice);
        return super.sendTransaction(gasPrice, limit, to, data, value, constructor);
    }

    /** @return the gas limit to sign with; throws {@link RefusedBeforeSendException} when the send would fail */
    private BigInteger preflight(String to, String data, BigInteger value, BigInteger gasLimit, BigInteger maxFeePerGas)
            throws IOException {
        String from = getFromAddress();
        String target = to == null || to.isEmpty() ? null : to;
        BigInteger wei = value == null ? BigInteger.ZERO : value;
        Transaction call = new Transaction(from, null, null, null, target, wei, data);
        EthCall result = web3j.ethCall(call, DefaultBlockParameterName.LATEST).send();
        if (result.hasError() || result.isReverted()) {
            String revertData = result.hasError() ? errorData(result.getError()) : result.getValue();
            throw refusal(target, revertData, result.hasError() ? result.getError().getMessage() : result.getRevertReason());
        }
        EthEstimateGas estimate = web3j.ethEstimateGas(call).send();
        if (estimate.hasError()) {
            throw refusal(target, errorData(estimate.getError()), estimate.getError().getMessage());
        }
        BigInteger gas = estimate.getAmountUsed();
        BigInteger limit = gas.add(gas.multiply(BigInteger.valueOf(GAS_MARGIN_PERCENT)).divide(BigInteger.valueOf(100)));
        if (gasLimit != null && gasLimit.signum() > 0) limit = limit.min(gasLimit);
        BigInteger needed = limit.multiply(maxFeePerGas).add(wei);
        EthGetBalance balance = web3j.ethGetBalance(from, DefaultBlockParameterName.LATEST).send();
        if (balance.hasError()) throw new IOException("cannot read the signer's balance: " + balance.getError().getMessage());
        if (balance.getBalance().compareTo(needed) < 0) {
            throw new RefusedBeforeSendException("not sent: signer " + Keys.toChecksumAddress(from) + " has "
                    + eth(balance.getBalance()) + " ETH, needs ≈ " + eth(needed) + " ETH (gas " + limit + " at up to "
                    + new BigDecimal(maxFeePerGas, 9).stripTrailingZeros().toPlainString() + " gwei"
                    + (wei.signum() > 0 ? ", plus " + eth(wei) + " ETH sent" : "") + "); fund it and re-run");
        }
        return limit;
    }

    private RefusedBeforeSendException refusal(String to, String revertData, String nodeMessage) {
        boolean hasData = revertData != null && revertData.length() >= 10;
        String why = hasData ? RevertText.describe(reverts.decode(revertData), tokens)
                : "execution reverted" + (nodeMessage == null ? "" : " (" + nodeMessage + ")");
        String where = to == null ? "the deployment" : "the call to " + Keys.toChecksumAddress(to);
        return new RefusedBeforeSendException("not sent: " + where + " would revert: " + why);
    }

    private static String errorData(Response.Error error) {
        // web3j keeps error.data as raw JSON text, so a hex string arrives with its quotes
        String data = error.getData() == null ? "" : error.getData().replace("\"", "").strip();
        return data.startsWith("0x") ? data : "0x";
    }

    private static String eth(BigInteger wei) {
        BigDecimal e = new BigDecimal(wei).divide(ETH);
        return e.signum() == 0 ? "0" : e.round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
